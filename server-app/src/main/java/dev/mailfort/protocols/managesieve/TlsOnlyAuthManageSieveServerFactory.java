/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.managesieve;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.managesieve.core.CoreProcessor;
import org.apache.james.managesieve.jsieve.Parser;
import org.apache.james.managesieve.transcode.ArgumentParser;
import org.apache.james.managesieve.transcode.ManageSieveProcessor;
import org.apache.james.managesieveserver.netty.ManageSieveServer;
import org.apache.james.managesieveserver.netty.ManageSieveServerFactory;
import org.apache.james.protocols.lib.netty.AbstractConfigurableAsyncServer;
import org.apache.james.sieverepository.api.SieveRepository;
import org.apache.james.user.api.UsersRepository;

import dev.mailfort.protocols.abuse.AuthFailureTracker;

/**
 * James's ManageSieve server factory, with its commands wrapped in {@link AuthenticateOnlyOverTls} and
 * {@link LimitAuthenticateFailures}, and servers on
 * which STARTTLS works ({@link TlsOnlyAuthManageSieveServer}). James 3.8.1's factory builds its command processor
 * with {@code new} (it ignores the Guice binding of {@code CoreCommands}), so the factory itself is replaced; it
 * builds the same servers from the same configuration.
 */
public class TlsOnlyAuthManageSieveServerFactory extends ManageSieveServerFactory {
    /** James's own value: the longest command line, in characters. */
    private static final int MAX_LINE_LENGTH = 8000;

    private FileSystem fileSystem;
    private SieveRepository sieveRepository;
    private UsersRepository usersRepository;
    private Parser sieveParser;
    private AuthFailureTracker authFailures;
    private final ClientConnections connections = new ClientConnections();
    private ManageSieveProcessor processor;
    private String capabilitiesOverTls;

    @Inject
    public void setAuthFailureTracker(AuthFailureTracker authFailures) {
        this.authFailures = authFailures;
    }

    @Inject
    @Override
    public void setFileSystem(FileSystem fileSystem) {
        super.setFileSystem(fileSystem);
        this.fileSystem = fileSystem;
    }

    @Inject
    @Override
    public void setSieveRepository(SieveRepository sieveRepository) {
        super.setSieveRepository(sieveRepository);
        this.sieveRepository = sieveRepository;
    }

    @Inject
    @Override
    public void setUsersRepository(UsersRepository usersRepository) {
        super.setUsersRepository(usersRepository);
        this.usersRepository = usersRepository;
    }

    @Inject
    @Override
    public void setParser(Parser sieveParser) {
        super.setParser(sieveParser);
        this.sieveParser = sieveParser;
    }

    @Override
    public void init() throws Exception {
        CoreProcessor james = new CoreProcessor(sieveRepository, usersRepository, sieveParser);
        // What an unauthenticated session over TLS is offered: everything, the SASL mechanisms included.
        capabilitiesOverTls = james.getAdvertisedCapabilities() + "OK\r\n";
        processor = new ManageSieveProcessor(new ArgumentParser(
            new LimitAuthenticateFailures(new AuthenticateOnlyOverTls(james), authFailures, connections)));
        super.init();
    }

    @Override
    protected List<AbstractConfigurableAsyncServer> createServers(HierarchicalConfiguration<ImmutableNode> config)
            throws Exception {
        List<AbstractConfigurableAsyncServer> servers = new ArrayList<>();
        for (HierarchicalConfiguration<ImmutableNode> serverConfig : config.configurationsAt("managesieveserver")) {
            ManageSieveServer server = new TlsOnlyAuthManageSieveServer(MAX_LINE_LENGTH, processor, capabilitiesOverTls,
                connections);
            server.setFileSystem(fileSystem);
            server.configure(serverConfig);
            servers.add(server);
        }
        return servers;
    }
}
