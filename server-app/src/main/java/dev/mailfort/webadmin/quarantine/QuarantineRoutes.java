/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.ParametersExtractor;
import org.apache.james.webadmin.utils.Responses;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.HaltException;
import spark.Request;
import spark.Service;

/**
 * The quarantine workflow over WebAdmin, in JSON:
 *
 * <pre>
 * GET    /quarantine?reason=virus&amp;recipient=a@b&amp;offset=0&amp;limit=50   held mails, newest first
 * GET    /quarantine/{reason}/{key}                                  one mail: headers and a text preview
 * POST   /quarantine/{reason}/{key}/release                          back into the pipeline, after the check
 * DELETE /quarantine/{reason}/{key}                                  gone for good
 * </pre>
 *
 * Errors have James's WebAdmin shape ({@code statusCode}, {@code type}, {@code message}, {@code details}).
 */
public class QuarantineRoutes implements Routes {
    public static final String BASE_PATH = "/quarantine";
    private static final String ONE_MAIL = BASE_PATH + "/:reason/:key";

    private static final Logger LOGGER = LoggerFactory.getLogger(QuarantineRoutes.class);

    private final QuarantineService quarantine;
    private final JsonTransformer jsonTransformer;

    @Inject
    public QuarantineRoutes(QuarantineService quarantine, JsonTransformer jsonTransformer) {
        this.quarantine = quarantine;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, (request, response) -> list(request), jsonTransformer);
        service.get(ONE_MAIL, (request, response) -> quarantine.view(reason(request), key(request))
            .orElseThrow(() -> mailNotFound(request)), jsonTransformer);
        service.post(ONE_MAIL + "/release", (request, response) -> quarantine.release(reason(request), key(request))
            .orElseThrow(() -> mailNotFound(request)), jsonTransformer);
        service.delete(ONE_MAIL, (request, response) -> {
            if (!quarantine.delete(reason(request), key(request))) {
                throw mailNotFound(request);
            }
            return Responses.returnNoContent(response);
        });
        service.exception(QuarantineUnavailableException.class, (exception, request, response) -> {
            LOGGER.error("Quarantine request {} {} failed", request.requestMethod(), request.pathInfo(), exception);
            response.status(HttpStatus.INTERNAL_SERVER_ERROR_500);
            response.body(ErrorResponder.builder()
                .statusCode(HttpStatus.INTERNAL_SERVER_ERROR_500)
                .type(ErrorType.SERVER_ERROR)
                .message("The quarantine storage failed")
                .cause(exception)
                .asString());
        });
    }

    private List<QuarantinedMail> list(Request request) throws MailRepositoryStore.MailRepositoryStoreException {
        List<QuarantineReason> selected = Optional.ofNullable(request.queryParams("reason"))
            .filter(name -> !name.isEmpty())
            .map(name -> List.of(quarantine.reasons().find(name).orElseThrow(() -> badRequest(
                "Unknown quarantine reason '%s', expecting one of %s", name, quarantine.reasons().names()))))
            .orElseGet(() -> quarantine.reasons().all());
        Optional<MailAddress> recipient = Optional.ofNullable(request.queryParams("recipient"))
            .filter(address -> !address.isEmpty())
            .map(QuarantineRoutes::address);
        return quarantine.list(selected, recipient, ParametersExtractor.extractOffset(request),
            ParametersExtractor.extractLimit(request));
    }

    private QuarantineReason reason(Request request) {
        String name = request.params("reason");
        return quarantine.reasons().find(name).orElseThrow(() -> ErrorResponder.builder()
            .statusCode(HttpStatus.NOT_FOUND_404)
            .type(ErrorType.NOT_FOUND)
            .message("Unknown quarantine reason '%s', expecting one of %s", name, quarantine.reasons().names())
            .haltError());
    }

    private static MailKey key(Request request) {
        return new MailKey(request.params("key"));
    }

    private static MailAddress address(String value) {
        try {
            return new MailAddress(value);
        } catch (AddressException e) {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.BAD_REQUEST_400)
                .type(ErrorType.INVALID_ARGUMENT)
                .message("'recipient' is not a valid mail address")
                .cause(e)
                .haltError();
        }
    }

    private static HaltException mailNotFound(Request request) {
        return ErrorResponder.builder()
            .statusCode(HttpStatus.NOT_FOUND_404)
            .type(ErrorType.NOT_FOUND)
            .message("No mail '%s' in the '%s' quarantine", request.params("key"), request.params("reason"))
            .haltError();
    }

    private static HaltException badRequest(String message, Object... arguments) {
        return ErrorResponder.builder()
            .statusCode(HttpStatus.BAD_REQUEST_400)
            .type(ErrorType.INVALID_ARGUMENT)
            .message(message, arguments)
            .haltError();
    }
}
