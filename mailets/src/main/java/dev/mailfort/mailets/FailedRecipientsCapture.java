/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.HostAddress;
import org.apache.mailet.LookupException;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;

/**
 * The mailet context and config given to James's LocalDelivery inside {@link DeliverLocallyOrRetry}. LocalDelivery
 * reports the recipients it could not store by sending a brand-new mail to its error processor, a copy without the
 * original's attributes or any attempt count. Here that mail is caught instead: its recipients are kept for the
 * calling thread (LocalDelivery sends it synchronously, from the spooler thread that runs the mailet), and
 * everything else goes to the real context.
 */
final class FailedRecipientsCapture implements MailetContext {
    /** The error processor LocalDelivery is configured with: never a real processor, always caught here. */
    static final String FAILED_STATE = "mailfort-local-delivery-failed";

    private final MailetContext delegate;
    private final ThreadLocal<List<MailAddress>> failed = ThreadLocal.withInitial(ArrayList::new);

    FailedRecipientsCapture(MailetContext delegate) {
        this.delegate = delegate;
    }

    MailetConfig configFor(MailetConfig original) {
        return new MailetConfig() {
            @Override
            public String getInitParameter(String name) {
                return name.equals("onMailetException") ? FAILED_STATE : original.getInitParameter(name);
            }

            @Override
            public Iterator<String> getInitParameterNames() {
                return original.getInitParameterNames();
            }

            @Override
            public MailetContext getMailetContext() {
                return FailedRecipientsCapture.this;
            }

            @Override
            public String getMailetName() {
                return original.getMailetName();
            }
        };
    }

    /** The recipients reported as failed on this thread since the last call, which forgets them. */
    List<MailAddress> takeFailed() {
        List<MailAddress> recipients = List.copyOf(failed.get());
        failed.remove();
        return recipients;
    }

    @Override
    public void sendMail(Mail mail) throws MessagingException {
        if (FAILED_STATE.equals(mail.getState())) {
            failed.get().addAll(mail.getRecipients());
            return;
        }
        delegate.sendMail(mail);
    }

    @Override
    public void sendMail(Mail mail, String state) throws MessagingException {
        if (FAILED_STATE.equals(state)) {
            failed.get().addAll(mail.getRecipients());
            return;
        }
        delegate.sendMail(mail, state);
    }

    @Override
    public void sendMail(MailAddress sender, Collection<MailAddress> recipients, MimeMessage message, String state)
            throws MessagingException {
        if (FAILED_STATE.equals(state)) {
            failed.get().addAll(recipients);
            return;
        }
        delegate.sendMail(sender, recipients, message, state);
    }

    @Override
    public void sendMail(MimeMessage message) throws MessagingException {
        delegate.sendMail(message);
    }

    @Override
    public void sendMail(MailAddress sender, Collection<MailAddress> recipients, MimeMessage message)
            throws MessagingException {
        delegate.sendMail(sender, recipients, message);
    }

    @Override
    public void sendMail(Mail mail, long delay, TimeUnit unit) throws MessagingException {
        delegate.sendMail(mail, delay, unit);
    }

    @Override
    public void sendMail(Mail mail, String state, long delay, TimeUnit unit) throws MessagingException {
        delegate.sendMail(mail, state, delay, unit);
    }

    @Override
    public int getMajorVersion() {
        return delegate.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return delegate.getMinorVersion();
    }

    @Override
    public String getServerInfo() {
        return delegate.getServerInfo();
    }

    @Override
    @Deprecated
    public Iterator<String> getAttributeNames() {
        return delegate.getAttributeNames();
    }

    @Override
    @Deprecated
    public Object getAttribute(String name) {
        return delegate.getAttribute(name);
    }

    @Override
    @Deprecated
    public void setAttribute(String name, Object value) {
        delegate.setAttribute(name, value);
    }

    @Override
    @Deprecated
    public void removeAttribute(String name) {
        delegate.removeAttribute(name);
    }

    @Override
    @Deprecated
    public void log(String message) {
        delegate.log(message);
    }

    @Override
    @Deprecated
    public void log(String message, Throwable t) {
        delegate.log(message, t);
    }

    @Override
    @Deprecated
    public void log(LogLevel level, String message) {
        delegate.log(level, message);
    }

    @Override
    @Deprecated
    public void log(LogLevel level, String message, Throwable t) {
        delegate.log(level, message, t);
    }

    @Override
    public MailAddress getPostmaster() {
        return delegate.getPostmaster();
    }

    @Override
    public boolean isLocalServer(Domain domain) {
        return delegate.isLocalServer(domain);
    }

    @Override
    @Deprecated
    public boolean isLocalUser(String userAccount) {
        return delegate.isLocalUser(userAccount);
    }

    @Override
    public boolean isLocalEmail(MailAddress mailAddress) {
        return delegate.isLocalEmail(mailAddress);
    }

    @Override
    public Collection<MailAddress> localRecipients(Collection<MailAddress> recipients) {
        return delegate.localRecipients(recipients);
    }

    @Override
    @Deprecated
    public Collection<String> getMailServers(Domain domain) {
        return delegate.getMailServers(domain);
    }

    @Override
    @Deprecated
    public Iterator<HostAddress> getSMTPHostAddresses(Domain domain) {
        return delegate.getSMTPHostAddresses(domain);
    }

    @Override
    public void bounce(Mail mail, String message) throws MessagingException {
        delegate.bounce(mail, message);
    }

    @Override
    public void bounce(Mail mail, String message, MailAddress bouncer) throws MessagingException {
        delegate.bounce(mail, message, bouncer);
    }

    @Override
    public List<String> dnsLookup(String name, RecordType type) throws LookupException {
        return delegate.dnsLookup(name, type);
    }

    @Override
    public Logger getLogger() {
        return delegate.getLogger();
    }
}
