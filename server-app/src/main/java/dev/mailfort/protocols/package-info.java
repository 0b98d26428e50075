/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Protocol handlers that James 3.8.1 does not ship: they keep passwords off clear-text connections.
 *
 * <p>James's own switches ({@code auth.requireSSL} for SMTP, {@code auth.requireSSL}/{@code plainAuthDisallowed}
 * for IMAP) only hide the login capabilities or cover some mechanisms: stock 3.8.1 still answers 235 to
 * {@code AUTH PLAIN} sent before STARTTLS, accepts POP3 {@code USER}/{@code PASS} on port 110 without STLS, and
 * sends an IMAP {@code AUTHENTICATE} continuation (inviting the client to send its token) before STARTTLS.
 * The classes here close those paths on every port, independently of how the servers are configured, and are
 * declared in {@code conf/smtpserver.xml}, {@code conf/pop3server.xml} and {@code conf/imapserver.xml}.
 */
package dev.mailfort.protocols;
