/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.rspamd;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP envelope of a message, as rspamd wants it: most of its checks (SPF, HELO, sender and recipient rules)
 * look at the envelope, not at the headers. Every part is optional; an empty {@link #mailFrom()} with
 * {@link #nullSender()} is the null reverse path ({@code MAIL FROM:<>}) of bounces.
 */
public final class RspamdEnvelope {
    private final Optional<String> clientAddress;
    private final Optional<String> clientHostname;
    private final Optional<String> helo;
    private final Optional<String> mailFrom;
    private final boolean nullSender;
    private final List<String> recipients;
    private final Optional<String> authenticatedUser;
    private final Optional<String> queueId;

    private RspamdEnvelope(Builder builder) {
        this.clientAddress = builder.clientAddress;
        this.clientHostname = builder.clientHostname;
        this.helo = builder.helo;
        this.mailFrom = builder.mailFrom;
        this.nullSender = builder.nullSender;
        this.recipients = List.copyOf(builder.recipients);
        this.authenticatedUser = builder.authenticatedUser;
        this.queueId = builder.queueId;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An envelope that tells rspamd nothing; it then judges on the headers alone. */
    public static RspamdEnvelope empty() {
        return builder().build();
    }

    /** The SMTP client's IP address. */
    public Optional<String> clientAddress() {
        return clientAddress;
    }

    /** The SMTP client's host name, as resolved from its address. */
    public Optional<String> clientHostname() {
        return clientHostname;
    }

    public Optional<String> helo() {
        return helo;
    }

    public Optional<String> mailFrom() {
        return mailFrom;
    }

    public boolean nullSender() {
        return nullSender;
    }

    public List<String> recipients() {
        return recipients;
    }

    /** The SMTP AUTH user, for mail submitted by one of ours: rspamd skips several inbound checks for it. */
    public Optional<String> authenticatedUser() {
        return authenticatedUser;
    }

    /** The MTA's id for the message, which rspamd writes in its log line: joins the two logs. */
    public Optional<String> queueId() {
        return queueId;
    }

    @Override
    public String toString() {
        return "RspamdEnvelope{ip=" + clientAddress.orElse("-") + ", helo=" + helo.orElse("-")
            + ", from=" + (nullSender ? "<>" : mailFrom.orElse("-")) + ", rcpt=" + recipients
            + ", user=" + authenticatedUser.orElse("-") + ", queueId=" + queueId.orElse("-") + "}";
    }

    public static final class Builder {
        private Optional<String> clientAddress = Optional.empty();
        private Optional<String> clientHostname = Optional.empty();
        private Optional<String> helo = Optional.empty();
        private Optional<String> mailFrom = Optional.empty();
        private boolean nullSender;
        private final List<String> recipients = new ArrayList<>();
        private Optional<String> authenticatedUser = Optional.empty();
        private Optional<String> queueId = Optional.empty();

        private Builder() {
        }

        public Builder clientAddress(String address) {
            this.clientAddress = present(address);
            return this;
        }

        public Builder clientHostname(String hostname) {
            this.clientHostname = present(hostname);
            return this;
        }

        public Builder helo(String heloName) {
            this.helo = present(heloName);
            return this;
        }

        public Builder mailFrom(String address) {
            this.mailFrom = present(address);
            this.nullSender = false;
            return this;
        }

        /** The null reverse path, {@code MAIL FROM:<>}. */
        public Builder nullSender() {
            this.mailFrom = Optional.empty();
            this.nullSender = true;
            return this;
        }

        public Builder recipient(String address) {
            recipients.add(Objects.requireNonNull(address, "address"));
            return this;
        }

        public Builder recipients(List<String> addresses) {
            addresses.forEach(this::recipient);
            return this;
        }

        public Builder authenticatedUser(String user) {
            this.authenticatedUser = present(user);
            return this;
        }

        public Builder queueId(String id) {
            this.queueId = present(id);
            return this;
        }

        public RspamdEnvelope build() {
            return new RspamdEnvelope(this);
        }

        private static Optional<String> present(String value) {
            return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
        }
    }
}
