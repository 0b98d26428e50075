/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.server.e2e.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.WebAdminClient;

/**
 * The recipient rewrite table as an administrator fills it through WebAdmin (James 3.8.1 routes), each call checked
 * for its 204, so that a test's setup fails at the mapping that did not take.
 */
public final class AddressMappings {
    private final WebAdminClient webAdmin;

    private AddressMappings(WebAdminClient webAdmin) {
        this.webAdmin = webAdmin;
    }

    public static AddressMappings of(MailfortServerExtension server) {
        return new AddressMappings(server.webAdmin());
    }

    /** {@code alias@} delivers to the user {@code user@}: PUT /address/aliases/{user}/sources/{alias}. */
    public void alias(String alias, String user) {
        expect204(webAdmin.put("/address/aliases/" + encode(user) + "/sources/" + encode(alias), ""));
    }

    /**
     * The mail of the user {@code user@} goes to {@code target} (local or not) instead of its mailbox; forwarding to the
     * user itself as well keeps a copy: PUT /address/forwards/{user}/targets/{target}. James 3.8.1 answers 404 when
     * {@code user} is not a user: see {@link #addressMapping} for an address without a mailbox.
     */
    public void forward(String user, String target) {
        expect204(webAdmin.put("/address/forwards/" + encode(user) + "/targets/" + encode(target), ""));
    }

    /** Any address of ours, with or without a mailbox, to any target: POST /mappings/address/{source}/targets/{target}. */
    public void addressMapping(String source, String target) {
        expect204(webAdmin.post("/mappings/address/" + encode(source) + "/targets/" + encode(target)));
    }

    /** {@code member} receives the mail of the group address: PUT /address/groups/{group}/{member}. */
    public void groupMember(String group, String member) {
        expect204(webAdmin.put("/address/groups/" + encode(group) + "/" + encode(member), ""));
    }

    /** Every {@code x@alias} is delivered as {@code x@domain}: PUT /domains/{domain}/aliases/{alias}. */
    public void domainAlias(String alias, String domain) {
        expect204(webAdmin.put("/domains/" + encode(domain) + "/aliases/" + encode(alias), ""));
    }

    /**
     * A regular expression mapping, {@code <regex>:<replacement>} with {@code ${1}}-style groups, for one address or,
     * with the source {@code *@domain}, for the whole domain: POST /mappings/regex/{source}/targets/{regex}.
     */
    public void regex(String source, String regexAndReplacement) {
        expect204(webAdmin.post("/mappings/regex/" + encode(source) + "/targets/" + encode(regexAndReplacement)));
    }

    private static void expect204(WebAdminClient.Response response) {
        if (response.status() != 204) {
            throw new IllegalStateException("WebAdmin answered " + response.status() + ": " + response.body());
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
