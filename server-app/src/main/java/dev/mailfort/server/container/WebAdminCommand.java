/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The image's {@code webadmin} command: one WebAdmin call from inside the container, where WebAdmin listens, so an
 * admin needs neither curl in the image nor a published admin port:
 * <pre>
 * docker exec mailfort webadmin PUT /domains/example.com
 * echo '{"password":"a long passphrase"}' | docker exec -i mailfort webadmin PUT /users/alice@example.com -
 * docker exec mailfort webadmin /healthcheck
 * </pre>
 * Arguments: {@code [METHOD] PATH [BODY]}: the method defaults to GET; BODY is JSON, or {@code -} to read it from
 * the standard input (keeps a password off the command line). With JWT turned on in {@code webadmin.properties},
 * the token comes from {@code MAILFORT_WEBADMIN_TOKEN} or the file named by {@code MAILFORT_WEBADMIN_TOKEN_FILE}.
 * The answer's body goes to the standard output; exit code 0 for a 2xx answer, 1 for another answer (its status on
 * the standard error), 2 when WebAdmin does not answer or the arguments are wrong.
 */
public final class WebAdminCommand {
    public static final String USAGE = "usage: webadmin [GET|PUT|POST|PATCH|DELETE] /path [json-body | -]";

    private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "PATCH", "DELETE");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final Map<String, String> environment;

    public WebAdminCommand(URI base, Map<String, String> environment) {
        this.base = base;
        this.environment = environment;
    }

    public static void main(String[] args) {
        Path workingDirectory = ContainerLayout.IMAGE.workingDirectory();
        int code = new WebAdminCommand(WebAdminAddress.of(workingDirectory), System.getenv())
            .run(args, System.in, System.out, System.err);
        System.exit(code);
    }

    public int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        boolean methodGiven = args.length > 0 && METHODS.contains(args[0].toUpperCase(Locale.ROOT));
        int pathIndex = methodGiven ? 1 : 0;
        if (args.length <= pathIndex || !args[pathIndex].startsWith("/") || args.length > pathIndex + 2) {
            err.println(USAGE);
            return 2;
        }
        String method = methodGiven ? args[0].toUpperCase(Locale.ROOT) : "GET";
        try {
            Optional<String> body = args.length == pathIndex + 2
                ? Optional.of(args[pathIndex + 1].equals("-")
                    ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8) : args[pathIndex + 1])
                : Optional.empty();
            HttpResponse<String> response = send(method, args[pathIndex], body);
            if (!response.body().isEmpty()) {
                out.println(response.body());
            }
            if (response.statusCode() / 100 == 2) {
                return 0;
            }
            err.println("WebAdmin answered " + response.statusCode() + " to " + method + " " + args[pathIndex]);
            return 1;
        } catch (IOException e) {
            err.println("WebAdmin at " + base + " does not answer: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private HttpResponse<String> send(String method, String path, Optional<String> body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
            .method(method, body.map(HttpRequest.BodyPublishers::ofString).orElse(HttpRequest.BodyPublishers.noBody()));
        body.ifPresent(json -> request.header("Content-Type", "application/json"));
        token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Optional<String> token() throws IOException {
        Optional<String> file = nonBlank("MAILFORT_WEBADMIN_TOKEN_FILE");
        if (file.isPresent()) {
            return Optional.of(Files.readString(Path.of(file.get())).strip());
        }
        return nonBlank("MAILFORT_WEBADMIN_TOKEN");
    }

    private Optional<String> nonBlank(String variable) {
        return Optional.ofNullable(environment.get(variable)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
