/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.local;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mailfort.scanning.clamav.ClamdSettings;
import dev.mailfort.scanning.rspamd.RspamdSettings;

/**
 * Reads and rewrites where the run's configuration sends mail to be scanned: the {@code host}/{@code port} of the
 * {@code ScanWithClamAV} mailets, and the {@code url} of the {@code ScanWithRspamd} mailets and of the
 * {@code CheckSpamBeforeAccepting} SMTP hook. Like {@link LocalPortMapping} it edits the text, so that the copy in
 * {@code run/conf} keeps the comments and layout of {@code conf/}. Commented-out elements are ignored; a missing
 * parameter means the scanner's default, and is added when the address changes.
 */
public final class LocalScannerConf {
    static final Set<String> CLAMD_CLIENTS = Set.of("ScanWithClamAV");
    static final Set<String> RSPAMD_CLIENTS = Set.of("ScanWithRspamd", "CheckSpamBeforeAccepting");
    static final URI DEFAULT_RSPAMD = URI.create(RspamdSettings.DEFAULT_URI);

    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern OPENING = Pattern.compile("<(mailet|handler)\\b([^>]*?)(/?)>");
    private static final Pattern CLASS = Pattern.compile("\\bclass\\s*=\\s*([\"'])(.*?)\\1");

    private LocalScannerConf() {
    }

    /** Where clamd is expected: {@code host} and {@code port}, with the scanner's defaults where absent. */
    public record ClamdAddress(String host, int port) {
        static final ClamdAddress DEFAULT = new ClamdAddress(ClamdSettings.DEFAULT_HOST, ClamdSettings.DEFAULT_PORT);

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** The address of the first {@code ScanWithClamAV} mailet in {@code xml}, if there is one. */
    public static Optional<ClamdAddress> clamd(String xml) {
        return elements(xml, CLAMD_CLIENTS).stream().findFirst().map(LocalScannerConf::clamdAddress);
    }

    /** The url of the first rspamd client (mailet or SMTP hook) in {@code xml}, if there is one. */
    public static Optional<URI> rspamd(String xml) {
        return elements(xml, RSPAMD_CLIENTS).stream().findFirst().map(LocalScannerConf::rspamdUri);
    }

    /** Points every {@code ScanWithClamAV} that expects clamd at {@code from} to 127.0.0.1:{@code port}. */
    static String pointClamdAt(String xml, ClamdAddress from, int port) {
        return pointClamdAt(xml, from, new ClamdAddress(ClamdSettings.DEFAULT_HOST, port));
    }

    /** Points every {@code ScanWithClamAV} that expects clamd at {@code from} to {@code to}. */
    public static String pointClamdAt(String xml, ClamdAddress from, ClamdAddress to) {
        List<Edit> edits = new ArrayList<>();
        for (Element element : elements(xml, CLAMD_CLIENTS)) {
            if (!clamdAddress(element).equals(from)) {
                continue;
            }
            // Missing parameters go in as one edit: two edits opening the same self-closing element would clash.
            StringBuilder missing = new StringBuilder();
            Optional<Parameter> host = element.parameter("host");
            if (host.isPresent()) {
                edits.add(host.get().replacedBy(to.host()));
            } else if (!to.host().equals(ClamdSettings.DEFAULT_HOST)) {
                missing.append(Element.parameterText("host", to.host()));
            }
            Optional<Parameter> port = element.parameter("port");
            if (port.isPresent()) {
                edits.add(port.get().replacedBy(String.valueOf(to.port())));
            } else {
                missing.append(Element.parameterText("port", String.valueOf(to.port())));
            }
            if (missing.length() > 0) {
                edits.add(element.add(missing.toString()));
            }
        }
        return apply(xml, edits);
    }

    /** Points every rspamd client whose url is {@code from} to {@code to}. */
    public static String pointRspamdAt(String xml, URI from, URI to) {
        List<Edit> edits = new ArrayList<>();
        for (Element element : elements(xml, RSPAMD_CLIENTS)) {
            if (sameServer(rspamdUri(element), from)) {
                edits.add(element.set("url", to.toString()));
            }
        }
        return apply(xml, edits);
    }

    public static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost") || bare.startsWith("127.") || bare.equals("::1");
    }

    private static boolean sameServer(URI one, URI other) {
        return strip(one).equals(strip(other));
    }

    // "http://127.0.0.1:11333/" and "http://127.0.0.1:11333" are the same worker.
    private static String strip(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static ClamdAddress clamdAddress(Element element) {
        String host = element.parameter("host").map(Parameter::value).orElse(ClamdSettings.DEFAULT_HOST);
        int port = element.parameter("port").map(Parameter::value).map(Integer::parseInt)
            .orElse(ClamdSettings.DEFAULT_PORT);
        return new ClamdAddress(host, port);
    }

    private static URI rspamdUri(Element element) {
        return element.parameter("url").map(Parameter::value).map(URI::create).orElse(DEFAULT_RSPAMD);
    }

    private static List<Element> elements(String xml, Set<String> simpleClassNames) {
        String masked = maskComments(xml);
        List<Element> found = new ArrayList<>();
        Matcher opening = OPENING.matcher(masked);
        while (opening.find()) {
            Matcher className = CLASS.matcher(opening.group(2));
            if (!className.find() || !simpleClassNames.contains(simpleName(className.group(2).trim()))) {
                continue;
            }
            if (!opening.group(3).isEmpty()) {
                found.add(new Element(xml, masked, opening.start(), opening.end(), -1));
                continue;
            }
            int closing = masked.indexOf("</" + opening.group(1), opening.end());
            if (closing < 0) {
                throw new IllegalArgumentException("No closing tag for the " + opening.group(1) + " at offset "
                    + opening.start());
            }
            found.add(new Element(xml, masked, opening.start(), opening.end(), closing));
        }
        return found;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The same text with every comment blanked out, so that offsets in it are offsets in the original. */
    private static String maskComments(String xml) {
        StringBuilder masked = new StringBuilder(xml);
        Matcher comment = COMMENT.matcher(xml);
        while (comment.find()) {
            for (int i = comment.start(); i < comment.end(); i++) {
                if (masked.charAt(i) != '\n') {
                    masked.setCharAt(i, ' ');
                }
            }
        }
        return masked.toString();
    }

    private static String apply(String xml, List<Edit> edits) {
        StringBuilder result = new StringBuilder(xml);
        edits.stream()
            .sorted(Comparator.comparingInt(Edit::start).reversed())
            .forEach(edit -> result.replace(edit.start(), edit.end(), edit.text()));
        return result.toString();
    }

    private record Edit(int start, int end, String text) {
    }

    private record Parameter(int start, int end, String value) {
        Edit replacedBy(String newValue) {
            return new Edit(start, end, newValue);
        }
    }

    /** A mailet or handler element: its opening tag's span and where its closing tag starts (-1: self-closing). */
    private record Element(String xml, String masked, int start, int openingEnd, int closingStart) {
        Optional<Parameter> parameter(String name) {
            if (closingStart < 0) {
                return Optional.empty();
            }
            Matcher matcher = Pattern.compile("<" + name + ">\\s*(.*?)\\s*</" + name + ">", Pattern.DOTALL)
                .matcher(masked).region(openingEnd, closingStart);
            if (!matcher.find()) {
                return Optional.empty();
            }
            return Optional.of(new Parameter(matcher.start(1), matcher.end(1), xml.substring(matcher.start(1),
                matcher.end(1))));
        }

        /** Sets a parameter: its value replaced, or the element added to (a self-closing one opened up). */
        Edit set(String name, String value) {
            Optional<Parameter> existing = parameter(name);
            if (existing.isPresent()) {
                return existing.get().replacedBy(value);
            }
            return add(parameterText(name, value));
        }

        static String parameterText(String name, String value) {
            return "<" + name + ">" + value + "</" + name + ">";
        }

        /** Adds parameter elements after the opening tag (a self-closing element opened up). */
        Edit add(String added) {
            if (closingStart < 0) {
                String tag = xml.substring(start, openingEnd);
                String elementName = tag.substring(1).split("[\\s/>]", 2)[0];
                String opened = tag.substring(0, tag.length() - 2).stripTrailing() + ">";
                return new Edit(start, openingEnd, opened + added + "</" + elementName + ">");
            }
            return new Edit(openingEnd, openingEnd, added);
        }
    }
}
