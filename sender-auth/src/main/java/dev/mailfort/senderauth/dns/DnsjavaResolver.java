/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link DnsResolver} on dnsjava, asking the configured recursive resolvers directly. It deliberately bypasses
 * dnsjava's {@code Lookup} class: that one has a JVM-wide cache and search path, and folds NXDOMAIN, no-data and
 * SERVFAIL into results that cannot be told apart reliably. Thread-safe.
 */
public final class DnsjavaResolver implements DnsResolver {
    private final Resolver resolver;
    private final String description;

    public DnsjavaResolver(DnsSettings settings) {
        List<InetSocketAddress> servers = settings.servers().isEmpty()
            ? ResolverConfig.getCurrentConfig().servers()
            : settings.servers();
        if (servers.isEmpty()) {
            throw new IllegalStateException("no DNS server configured and none found in the system configuration");
        }
        List<Resolver> simple = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            SimpleResolver one = new SimpleResolver(server);
            one.setTimeout(settings.timeout());
            one.setTCP(settings.tcpOnly());
            simple.add(one);
        }
        ExtendedResolver extended = new ExtendedResolver(simple);
        extended.setTimeout(settings.timeout());
        // dnsjava's figure is the number of tries per server, the first one included.
        extended.setRetries(settings.retries() + 1);
        extended.setLoadBalance(false);
        this.resolver = extended;
        this.description = "dnsjava resolver asking " + servers;
    }

    @Override
    public DnsAnswer lookup(String name, RecordType type) {
        Name qname;
        try {
            qname = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            // A name that cannot be written on the wire cannot exist in the DNS either.
            return new DnsAnswer(DnsStatus.NXDOMAIN, List.of(), "invalid domain name: " + e.getMessage());
        }
        int qtype = dnsjavaType(type);
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(qname, qtype, DClass.IN)));
        } catch (IOException e) {
            return DnsAnswer.temporaryFailure(type + " " + name + ": " + e);
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return DnsAnswer.nxdomain();
        }
        if (rcode != Rcode.NOERROR) {
            return DnsAnswer.temporaryFailure(type + " " + name + ": " + Rcode.string(rcode));
        }
        List<String> data = new ArrayList<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record.getType() == qtype) {
                data.add(text(record));
            }
        }
        return data.isEmpty() ? DnsAnswer.noData() : DnsAnswer.found(data);
    }

    private static int dnsjavaType(RecordType type) {
        return switch (type) {
            case TXT -> Type.TXT;
            case A -> Type.A;
            case AAAA -> Type.AAAA;
            case MX -> Type.MX;
            case PTR -> Type.PTR;
        };
    }

    private static String text(Record record) {
        if (record instanceof TXTRecord txt) {
            // Raw bytes, not getStrings(): that one escapes quotes and non-printable bytes for zone-file output.
            StringBuilder joined = new StringBuilder();
            for (byte[] part : txt.getStringsAsByteArrays()) {
                joined.append(new String(part, StandardCharsets.ISO_8859_1));
            }
            return joined.toString();
        }
        if (record instanceof ARecord a) {
            return a.getAddress().getHostAddress();
        }
        if (record instanceof AAAARecord aaaa) {
            return aaaa.getAddress().getHostAddress();
        }
        if (record instanceof MXRecord mx) {
            return hostName(mx.getTarget());
        }
        if (record instanceof PTRRecord ptr) {
            return hostName(ptr.getTarget());
        }
        return record.rdataToString();
    }

    private static String hostName(Name name) {
        String text = name.toString(true);
        return text.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return description;
    }
}
