/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A tiny UDP DNS server on loopback for testing {@link DnsjavaResolver}: answers from records the test gives, and
 * can be told to answer with an RCODE or not at all for a name.
 */
final class UdpDnsResponder implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;
    private final List<Record> records = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> rcodes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> silent = new ConcurrentHashMap<>();

    UdpDnsResponder() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "udp-dns-responder");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    UdpDnsResponder add(Record record) {
        records.add(record);
        return this;
    }

    UdpDnsResponder rcode(String name, int rcode) {
        rcodes.put(name.toLowerCase(), rcode);
        return this;
    }

    UdpDnsResponder silence(String name) {
        silent.put(name.toLowerCase(), true);
        return this;
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] reply = answer(query);
                if (reply != null) {
                    socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private byte[] answer(Message query) {
        Record question = query.getQuestion();
        String name = question.getName().toString(true).toLowerCase();
        if (silent.containsKey(name)) {
            return null;
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RD);
        response.getHeader().setFlag(Flags.RA);
        response.addRecord(question, Section.QUESTION);
        Integer rcode = rcodes.get(name);
        if (rcode != null) {
            response.getHeader().setRcode(rcode);
            return response.toWire();
        }
        boolean nameExists = false;
        for (Record record : records) {
            if (record.getName().equals(question.getName())) {
                nameExists = true;
                if (record.getType() == question.getType()) {
                    response.addRecord(record, Section.ANSWER);
                }
            }
        }
        if (!nameExists) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        return response.toWire();
    }

    @Override
    public void close() {
        socket.close();
    }
}
