/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.allowlist;

import java.time.Clock;
import java.util.Map;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.eclipse.jetty.http.HttpStatus;

import spark.HaltException;
import spark.Request;
import spark.Service;

import dev.mailfort.webadmin.quarantine.QuarantineReasons;

/**
 * WebAdmin routes of the sender allow list:
 * <ul>
 *   <li>{@code GET /allowlist}: every entry, {@code [{"recipient", "sender", "addedBy", "addedAt"}]}.</li>
 *   <li>{@code PUT /allowlist/{recipient}/senders/{sender}}: adds an entry (204).</li>
 *   <li>{@code DELETE /allowlist/{recipient}/senders/{sender}}: removes it (204; 404 when there was none).</li>
 *   <li>{@code POST /quarantine/spam/{key}/release-and-allow-sender}: see {@link ReleaseAndAllowSender}; 200 with
 *       the release and the sender, 404 for an unknown mail, 409 when its From is not authenticated.</li>
 * </ul>
 */
public class SenderAllowListRoutes implements Routes {
    static final String BASE_PATH = "/allowlist";
    private static final String ENTRY = BASE_PATH + "/:recipient/senders/:sender";
    private static final String RELEASE_AND_ALLOW = "/quarantine/:reason/:key/release-and-allow-sender";
    private static final String WEBADMIN = "webadmin";

    private final SenderAllowList allowList;
    private final ReleaseAndAllowSender releaseAndAllow;
    private final QuarantineReasons reasons;
    private final JsonTransformer jsonTransformer;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public SenderAllowListRoutes(SenderAllowList allowList, ReleaseAndAllowSender releaseAndAllow,
                                 QuarantineReasons reasons, JsonTransformer jsonTransformer) {
        this.allowList = allowList;
        this.releaseAndAllow = releaseAndAllow;
        this.reasons = reasons;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, (request, response) -> allowList.list(), jsonTransformer);
        service.put(ENTRY, (request, response) -> {
            allowList.add(new AllowedSender(address(request, "recipient"), address(request, "sender"), WEBADMIN,
                clock.instant()));
            return Responses.returnNoContent(response);
        });
        service.delete(ENTRY, (request, response) -> {
            if (!allowList.remove(address(request, "recipient"), address(request, "sender"))) {
                throw error(HttpStatus.NOT_FOUND_404, ErrorType.NOT_FOUND, "No such allow-list entry");
            }
            return Responses.returnNoContent(response);
        });
        service.post(RELEASE_AND_ALLOW, (request, response) -> {
            String reasonName = request.params("reason");
            var reason = reasons.find(reasonName).orElseThrow(() -> error(HttpStatus.NOT_FOUND_404,
                ErrorType.NOT_FOUND, "Unknown quarantine reason '" + reasonName + "'"));
            ReleaseAndAllowSender.Outcome outcome = releaseAndAllow.releaseAndAllow(reason,
                new MailKey(request.params("key")), WEBADMIN);
            switch (outcome.status()) {
                case RELEASED:
                    return Map.of("action", "released-and-allowed", "sender", outcome.sender(),
                        "release", outcome.released().orElseThrow());
                case NOT_SPAM:
                    throw error(HttpStatus.BAD_REQUEST_400, ErrorType.INVALID_ARGUMENT,
                        "Only mail held as spam can be released with its sender allowed");
                case SENDER_NOT_AUTHENTICATED:
                    throw error(HttpStatus.CONFLICT_409, ErrorType.WRONG_STATE,
                        "The sender of this mail is not authenticated (no DMARC, or aligned SPF or DKIM, pass):"
                            + " an allow entry would never apply to it");
                default:
                    throw error(HttpStatus.NOT_FOUND_404, ErrorType.NOT_FOUND,
                        "No mail '" + request.params("key") + "' in the '" + reasonName + "' quarantine");
            }
        }, jsonTransformer);
    }

    private static String address(Request request, String parameter) {
        String value = request.params(parameter);
        try {
            return new MailAddress(value).asString();
        } catch (AddressException | RuntimeException e) {
            throw error(HttpStatus.BAD_REQUEST_400, ErrorType.INVALID_ARGUMENT,
                "'" + parameter + "' is not a valid mail address");
        }
    }

    private static HaltException error(int status, ErrorType type, String message) {
        return ErrorResponder.builder().statusCode(status).type(type).message("%s", message).haltError();
    }
}
