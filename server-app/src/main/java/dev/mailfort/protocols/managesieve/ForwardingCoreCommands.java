/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.managesieve;

import org.apache.james.managesieve.api.Session;
import org.apache.james.managesieve.api.SessionTerminatedException;
import org.apache.james.managesieve.api.commands.CoreCommands;

/** Every ManageSieve command handed to another implementation: the base of the decorators that change a few. */
abstract class ForwardingCoreCommands implements CoreCommands {
    private final CoreCommands delegate;

    ForwardingCoreCommands(CoreCommands delegate) {
        this.delegate = delegate;
    }

    @Override
    public String chooseMechanism(Session session, String mechanism) {
        return delegate.chooseMechanism(session, mechanism);
    }

    @Override
    public String authenticate(Session session, String suppliedData) {
        return delegate.authenticate(session, suppliedData);
    }

    @Override
    public String capability(Session session) {
        return delegate.capability(session);
    }

    @Override
    public String getAdvertisedCapabilities() {
        return delegate.getAdvertisedCapabilities();
    }

    @Override
    public String checkScript(Session session, String content) {
        return delegate.checkScript(session, content);
    }

    @Override
    public String deleteScript(Session session, String name) {
        return delegate.deleteScript(session, name);
    }

    @Override
    public String getScript(Session session, String name) {
        return delegate.getScript(session, name);
    }

    @Override
    public String haveSpace(Session session, String name, long size) {
        return delegate.haveSpace(session, name, size);
    }

    @Override
    public String listScripts(Session session) {
        return delegate.listScripts(session);
    }

    @Override
    public void logout() throws SessionTerminatedException {
        delegate.logout();
    }

    @Override
    public String noop(String tag) {
        return delegate.noop(tag);
    }

    @Override
    public String putScript(Session session, String name, String content) {
        return delegate.putScript(session, name, content);
    }

    @Override
    public String renameScript(Session session, String oldName, String newName) {
        return delegate.renameScript(session, oldName, newName);
    }

    @Override
    public String setActive(Session session, String name) {
        return delegate.setActive(session, name);
    }

    @Override
    public String startTLS(Session session) {
        return delegate.startTLS(session);
    }

    @Override
    public String unauthenticate(Session session) {
        return delegate.unauthenticate(session);
    }
}
