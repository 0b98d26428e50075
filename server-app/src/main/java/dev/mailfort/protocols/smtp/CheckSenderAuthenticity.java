/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.mailets.monitoring.DecisionRecorder;
import dev.mailfort.mailets.monitoring.ScanMetrics;
import dev.mailfort.senderauth.SenderAuthReport;
import dev.mailfort.senderauth.SenderAuthenticator;
import dev.mailfort.senderauth.SmtpIdentities;
import dev.mailfort.senderauth.dkim.DkimChecker;
import dev.mailfort.senderauth.dmarc.DmarcEvaluator;
import dev.mailfort.senderauth.dmarc.DmarcPolicyFinder;
import dev.mailfort.senderauth.dns.DnsResolver;
import dev.mailfort.senderauth.dns.DnsSettings;
import dev.mailfort.senderauth.dns.DnsjavaResolver;
import dev.mailfort.senderauth.spf.SpfChecker;

/**
 * Checks who really sent a message arriving from another server, at the end of DATA and before the server answers:
 * SPF (RFC 7208) for MAIL FROM and HELO, every DKIM signature (RFC 6376), and DMARC (RFC 7489) for the header
 * From, so that a forgery is refused in the dialogue rather than bounced later to an address anyone can forge.
 * For the MX (port 25). Sessions that authenticated with AUTH are not checked (their sender is checked at
 * submission), nor is anything on a listener that does not list this handler.
 *
 * <h2>What it does with a message</h2>
 * <ol>
 *   <li>Every {@code Authentication-Results} field that claims our authserv-id is removed, and ours is put at the
 *       top: one field with {@code spf=} (MAIL FROM and HELO), one {@code dkim=} per signature and {@code dmarc=}.
 *       Fields of other authserv-ids stay.</li>
 *   <li>The verdicts are recorded as mail attributes (String values, names in
 *       {@code dev.mailfort.senderauth.SenderAuthAttributes}): {@code mailfort.dmarc.result},
 *       {@code mailfort.dmarc.disposition} ({@code none} or {@code quarantine}: what the pipeline is to do),
 *       {@code mailfort.dmarc.policy}, {@code mailfort.dmarc.header-from}, {@code mailfort.spf.result},
 *       {@code mailfort.spf.helo-result}, {@code mailfort.dkim.result}, {@code mailfort.dkim.passing-domains}.</li>
 *   <li>Then, in this order, the first that applies:
 *     <ul>
 *       <li>Client in {@code trustedRelays}: accepted as it is, nothing refused or quarantined.</li>
 *       <li>No From field, several, or several addresses in it (DMARC cannot be evaluated), with
 *           {@code onUnusableFrom} = {@code reject}: {@code 550 5.7.1}.</li>
 *       <li>MAIL FROM or the header From names one of our domains (a domain of James's domain list, or a
 *           subdomain of one) and neither SPF nor a DKIM signature aligned with that domain (relaxed) passes,
 *           with {@code onLocalDomainSpoofing} = {@code reject}: {@code 550 5.7.1}; when a DNS failure kept SPF or
 *           DKIM from answering: {@code 451 4.7.1} (with {@code onTemporaryError} = {@code tempfail}). This holds
 *           whether or not our domains publish DMARC. (James's {@code verifyIdentity} already answers 530 to MAIL
 *           FROM with our domain on port 25 without AUTH; the header From is the case only this check covers.)</li>
 *       <li>DMARC fails and the From domain's policy (after {@code pct=}) is {@code reject}: what
 *           {@code onDmarcReject} says; {@code quarantine}: what {@code onDmarcQuarantine} says. {@code reject}
 *           answers {@code 550 5.7.1} with a text naming the From domain and its policy, {@code quarantine} accepts
 *           the message with {@code mailfort.dmarc.disposition=quarantine} (mailetcontainer.xml sends it to the
 *           Junk folder with the {@code DmarcDispositionIs=quarantine} matcher), {@code accept} accepts it.</li>
 *       <li>DMARC ends in temperror (a DNS failure) when the final verdict could refuse or quarantine the message
 *           (the policy asks for it, or could not be read), with {@code onTemporaryError} = {@code tempfail}:
 *           {@code 451 4.7.1}. A DNS failure never turns into a pass.</li>
 *       <li>Otherwise the message goes on to the next handler.</li>
 *     </ul>
 *   </li>
 * </ol>
 * Refusal texts name no internal detail beyond the domains involved. Each decision is logged on one line with the
 * queue id, the client's address and the results, never with message content.
 *
 * <h2>Where it runs</h2>
 * A message hook in the {@code <handlerchain>}, which James runs before its own (so the client's address, HELO and
 * AUTH user come from the session, not the mail). Put it <em>before</em> {@code CheckSpamBeforeAccepting}: DKIM
 * needs the message as received, before any header is rewritten, and a forgery refused here costs no scan.
 * The whole message is read into memory once for DKIM.
 *
 * <h2>Parameters</h2>
 * Every one is optional.
 * <ul>
 *   <li>{@code authservId} (default: the listener's HELO name, {@code <helloName>}): the authserv-id of our
 *       Authentication-Results, and the one whose incoming fields are removed. Use the same name on every MX of
 *       the domain.</li>
 *   <li>{@code dnsServers} (default: those of conf/dnsservice.xml when it lists {@code <servers>} with
 *       {@code <autodiscover>false</autodiscover>}, else the system's resolvers from /etc/resolv.conf): the
 *       recursive resolvers asked, comma-separated, {@code host} or {@code host:port} ({@code [v6]:port}). Point
 *       them at a validating resolver you control: the answers decide what is refused. James's own DNS service is
 *       not used: it caches NXDOMAIN and server failures alike and cannot tell a timeout from "no record", which
 *       would turn DNS outages into passes or failures.</li>
 *   <li>{@code dnsTimeout} (default {@code 5s}): the longest wait for one DNS query, retries included. Durations
 *       are {@code 500ms}, {@code 5s}, {@code 1m}; a bare number is seconds.</li>
 *   <li>{@code dnsRetries} (default {@code 1}): further tries of a query left unanswered.</li>
 *   <li>{@code spfMaxDnsLookups} (default {@code 10}) and {@code spfMaxVoidLookups} (default {@code 2}): RFC 7208's
 *       limits; over them SPF is permerror. Raising them makes us a tool for DNS amplification.</li>
 *   <li>{@code spfTimeout} (default {@code 20s}, the RFC's minimum): the longest one SPF evaluation may take; past
 *       it SPF is temperror.</li>
 *   <li>{@code dkimMaxSignatures} (default {@code 10}): signatures beyond this many are not verified.</li>
 *   <li>{@code dkimMinRsaKeyBits} (default {@code 1024}, RFC 8301): signatures with shorter RSA keys are
 *       permerror.</li>
 *   <li>{@code onDmarcReject} (default {@code reject}) and {@code onDmarcQuarantine} (default
 *       {@code quarantine}): {@code reject}, {@code quarantine} or {@code accept}, see above.</li>
 *   <li>{@code onTemporaryError} (default {@code tempfail}): {@code tempfail} or {@code accept} (DNS failures let
 *       the message through, its results saying temperror).</li>
 *   <li>{@code onUnusableFrom} (default {@code reject}): {@code reject} or {@code accept}.</li>
 *   <li>{@code onLocalDomainSpoofing} (default {@code reject}): {@code reject} or {@code accept}.</li>
 *   <li>{@code trustedRelays} (default none): addresses and CIDR blocks, comma-separated, whose mail is exempt
 *       from every refusal and from quarantine (their results are still written). Only for servers you run or
 *       pay to relay for you, e.g. a gateway that forwards mail for your domains.</li>
 * </ul>
 *
 * <h2>Example ({@code smtpserver.xml}, port 25)</h2>
 * <pre>{@code
 * <handler class="dev.mailfort.protocols.smtp.CheckSenderAuthenticity">
 *     <authservId>mx.example.com</authservId>
 *     <dnsServers>192.0.2.53, 192.0.2.54:53</dnsServers>
 *     <dnsTimeout>5s</dnsTimeout>
 *     <dnsRetries>1</dnsRetries>
 *     <spfMaxDnsLookups>10</spfMaxDnsLookups>
 *     <spfMaxVoidLookups>2</spfMaxVoidLookups>
 *     <spfTimeout>20s</spfTimeout>
 *     <dkimMaxSignatures>10</dkimMaxSignatures>
 *     <dkimMinRsaKeyBits>1024</dkimMinRsaKeyBits>
 *     <onDmarcReject>reject</onDmarcReject>
 *     <onDmarcQuarantine>quarantine</onDmarcQuarantine>
 *     <onTemporaryError>tempfail</onTemporaryError>
 *     <onUnusableFrom>reject</onUnusableFrom>
 *     <onLocalDomainSpoofing>reject</onLocalDomainSpoofing>
 *     <trustedRelays></trustedRelays>
 * </handler>
 * }</pre>
 */
public class CheckSenderAuthenticity implements JamesMessageHook {
    static final HookResult CANNOT_CHECK = TemporaryFailure.CANNOT_CHECK;
    static final HookResult UNPARSEABLE = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(SMTPRetCode.TRANSACTION_FAILED)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.CONTENT_OTHER)
            + " Message refused: it cannot be read as an Internet message (RFC 5322)")
        .build();

    private static final Logger LOGGER = LoggerFactory.getLogger(CheckSenderAuthenticity.class);

    private final LocalDomains localDomains;
    private final Supplier<List<InetSocketAddress>> defaultDnsServers;
    private final Function<DnsSettings, DnsResolver> resolvers;
    private final ScanMetrics checkMetrics;
    private final ScanMetrics spfMetrics;
    private final ScanMetrics dkimMetrics;
    private final ScanMetrics dmarcMetrics;
    private final DecisionRecorder decisions;

    private SenderAuthSettings settings;
    private SenderAuthenticator authenticator;
    private DmarcPolicyFinder policyFinder;

    /**
     * Results count as {@code mailfort_spf_verdict_*}, {@code mailfort_dkim_verdict_*} (one per signature, {@code none}
     * without any) and {@code mailfort_dmarc_verdict_*}; the whole check's time as
     * {@code mailfort_sender_auth_duration}; refusals as {@code mailfort_mail_rejected_sender_auth}.
     */
    @Inject
    public CheckSenderAuthenticity(DomainList domainList, ConfigurationProvider configurationProvider,
                                   MetricFactory metricFactory) {
        this(LocalDomains.of(domainList), () -> dnsServersOfJames(configurationProvider), DnsjavaResolver::new,
            metricFactory);
    }

    CheckSenderAuthenticity(LocalDomains localDomains, Supplier<List<InetSocketAddress>> defaultDnsServers,
                            Function<DnsSettings, DnsResolver> resolvers, MetricFactory metricFactory) {
        this.localDomains = Objects.requireNonNull(localDomains, "localDomains");
        this.defaultDnsServers = Objects.requireNonNull(defaultDnsServers, "defaultDnsServers");
        this.resolvers = Objects.requireNonNull(resolvers, "resolvers");
        this.checkMetrics = ScanMetrics.of(metricFactory, "sender_auth");
        this.spfMetrics = ScanMetrics.of(metricFactory, "spf");
        this.dkimMetrics = ScanMetrics.of(metricFactory, "dkim");
        this.dmarcMetrics = ScanMetrics.of(metricFactory, "dmarc");
        this.decisions = new DecisionRecorder(metricFactory);
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        try {
            settings = SenderAuthSettings.from(config);
            DnsSettings dnsSettings = settings.dnsSettings(settings.dnsServers().isEmpty()
                ? defaultDnsServers.get() : List.of());
            DnsResolver dns = resolvers.apply(dnsSettings);
            policyFinder = new DmarcPolicyFinder(dns);
            authenticator = new SenderAuthenticator(
                new SpfChecker(dns, settings.spfLimits(), Clock.systemUTC()),
                new DkimChecker(dns, settings.dkimMaxSignatures(), settings.dkimMinRsaKeyBits()),
                new DmarcEvaluator(policyFinder));
            LOGGER.info("Checking SPF, DKIM and DMARC before accepting mail; DNS: {}; authserv-id: {}; {}; "
                    + "trusted relays: {}", dns, settings.authservId().orElse("the HELO name"), settings.policy(),
                settings.trustedRelays());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigurationException(getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (session.getUsername() != null) {
            return HookResult.DECLINED;
        }
        InetSocketAddress remote = session.getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            LOGGER.error("Mail {}: no client address in the session, answering 451", mail.getName());
            return CANNOT_CHECK;
        }
        InetAddress client = remote.getAddress();
        String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection).orElse("");
        String mailFrom = mail.getMaybeSender().asString("");
        String authservId = settings.authservId().orElseGet(() -> session.getConfiguration().getHelloName());
        try {
            byte[] raw = raw(mail);
            SenderAuthReport report = checkMetrics.timed(
                () -> authenticator.evaluate(new SmtpIdentities(client, helo, mailFrom), raw));
            count(report);
            LocalDomainClaim claim = LocalDomainClaim.check(report, mailFrom, localDomains);
            SenderAuthDecision decision = settings.policy().decide(report, claim,
                settings.trustedRelays().contains(client), policyFinder::find);
            log(mail, client, report, decision);
            return apply(decision, mail, report, authservId);
        } catch (IOException e) {
            LOGGER.info("Mail {} from {}: cannot be parsed ({}), answering 554", mail.getName(),
                client.getHostAddress(), e.getMessage());
            return UNPARSEABLE;
        } catch (MessagingException | RuntimeException e) {
            LOGGER.error("Mail {} from {}: cannot check its sender, answering 451", mail.getName(),
                client.getHostAddress(), e);
            return CANNOT_CHECK;
        }
    }

    private void count(SenderAuthReport report) {
        spfMetrics.countVerdict(report.spfMailFrom().result().keyword());
        if (report.dkim().isEmpty()) {
            dkimMetrics.countVerdict("none");
        }
        report.dkim().forEach(verdict -> dkimMetrics.countVerdict(verdict.result().keyword()));
        dmarcMetrics.countVerdict(report.dmarc().result().keyword());
    }

    private HookResult apply(SenderAuthDecision decision, Mail mail, SenderAuthReport report,
                             String authservId) throws MessagingException {
        switch (decision.outcome()) {
            case REJECT:
                decisions.record(mail, "rejected", Optional.of("sender-auth"));
                return reply(HookReturnCode.deny(), SMTPRetCode.MAILBOX_PERM_UNAVAILABLE, decision.reply());
            case TEMPFAIL:
                decisions.record(mail, "deferred", Optional.of("sender-auth"));
                return reply(HookReturnCode.denySoft(), SMTPRetCode.LOCAL_ERROR, decision.reply());
            default:
                int removed = AuthenticationResultsHeader.replace(mail.getMessage(), authservId,
                    report.authenticationResults(authservId));
                if (removed > 0) {
                    LOGGER.info("Mail {}: removed {} Authentication-Results field(s) claiming our authserv-id {}",
                        mail.getName(), removed, authservId);
                }
                SenderAuthMailAttributes.record(mail, report,
                    decision.outcome() == SenderAuthDecision.Outcome.QUARANTINE);
                return HookResult.DECLINED;
        }
    }

    private static HookResult reply(HookReturnCode code, String smtpCode, String text) {
        return HookResult.builder().hookReturnCode(code).smtpReturnCode(smtpCode).smtpDescription(text).build();
    }

    private static byte[] raw(Mail mail) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toByteArray();
    }

    private static void log(Mail mail, InetAddress client, SenderAuthReport report, SenderAuthDecision decision) {
        LOGGER.info("Mail {} from {}: spf={} helo-spf={} dkim={} dmarc={} from-domain={}: {} ({})", mail.getName(),
            client.getHostAddress(), report.spfMailFrom().result().keyword(), report.spfHelo().result().keyword(),
            report.dkim().stream().map(verdict -> verdict.result().keyword() + ":" + verdict.domain()).toList(),
            report.dmarc().result().keyword(), report.headerFrom().domain(),
            decision.outcome().name().toLowerCase(Locale.ROOT), decision.reason());
    }

    /**
     * The servers conf/dnsservice.xml forces, so that the whole server asks the same resolvers; none (the system's)
     * when it autodiscovers. James's DNS service takes host names only: they are asked on port 53.
     */
    public static List<InetSocketAddress> dnsServersOfJames(ConfigurationProvider configurationProvider) {
        HierarchicalConfiguration<ImmutableNode> dnsservice;
        try {
            dnsservice = configurationProvider.getConfiguration("dnsservice");
        } catch (ConfigurationException e) {
            throw new IllegalStateException("cannot read dnsservice.xml: " + e.getMessage(), e);
        }
        if (dnsservice.getBoolean("autodiscover", true)) {
            return List.of();
        }
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String server : dnsservice.getStringArray("servers.server")) {
            if (!server.isBlank()) {
                servers.add(new InetSocketAddress(server.trim(), SenderAuthSettings.DNS_PORT));
            }
        }
        return List.copyOf(servers);
    }
}
