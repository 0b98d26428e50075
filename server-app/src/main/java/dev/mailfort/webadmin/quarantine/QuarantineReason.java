/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.james.mailrepository.api.MailRepositoryUrl;

/**
 * Why a mail is held: the name admins see and type in URLs, the mail repository the pipeline puts such mail in, and
 * the processor a released mail re-enters, the one after the check that held it.
 */
public record QuarantineReason(String name, MailRepositoryUrl repository, String releaseProcessor) {
    // The name is a URL path segment and a properties key: keep it to characters that need no escaping in either.
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public QuarantineReason {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(releaseProcessor, "releaseProcessor");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid quarantine reason name '" + name
                + "': use lower-case letters, digits and '-'");
        }
        if (releaseProcessor.isBlank()) {
            throw new IllegalArgumentException("Quarantine reason '" + name + "' has no release processor");
        }
    }

    public static QuarantineReason of(String name, String repositoryUrl, String releaseProcessor) {
        return new QuarantineReason(name, MailRepositoryUrl.from(repositoryUrl), releaseProcessor.trim());
    }
}
