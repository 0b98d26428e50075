/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

class DelayMailFromWhileSpoolIsBusyTest {
    private static final long THRESHOLD = 40;

    private final AtomicLong backlog = new AtomicLong();
    private final InFlowGate gate = new InFlowGate(backlog::get);
    private final List<String> seenByJames = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(
        new DelayMailFromWhileSpoolIsBusy(gate, new InFlowDelay(Duration.ofSeconds(1), THRESHOLD)),
        new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf line = (ByteBuf) msg;
                seenByJames.add(line.toString(StandardCharsets.US_ASCII).trim());
                line.release();
            }
        });

    @Test
    void mailFromGoesStraightThroughWhileThePipelineKeepsUp() {
        backlog.set(THRESHOLD - 1);

        send("MAIL FROM:<a@sender.example>");

        assertThat(seenByJames).containsExactly("MAIL FROM:<a@sender.example>");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void mailFromWaitsForAFinishedMailAndStopsReadingMeanwhile() {
        backlog.set(THRESHOLD);

        send("MAIL FROM:<a@sender.example>");

        assertThat(seenByJames).isEmpty();
        assertThat(channel.config().isAutoRead()).isFalse();

        gate.oneMailFinished();
        channel.runPendingTasks();

        assertThat(seenByJames).containsExactly("MAIL FROM:<a@sender.example>");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void linesPipelinedAfterAWaitingMailFromFollowItInOrder() {
        backlog.set(THRESHOLD);

        send("MAIL FROM:<a@sender.example>", "RCPT TO:<b@example.org>", "DATA");
        assertThat(seenByJames).isEmpty();

        gate.oneMailFinished();
        channel.runPendingTasks();

        assertThat(seenByJames).containsExactly("MAIL FROM:<a@sender.example>", "RCPT TO:<b@example.org>", "DATA");
    }

    @Test
    void mailFromGoesAfterTheLongestDelayWhenNoMailIsFinished() {
        backlog.set(THRESHOLD + 500);

        send("mail from:<a@sender.example>");
        channel.advanceTimeBy(900, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
        assertThat(seenByJames).isEmpty();

        channel.advanceTimeBy(100, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();

        assertThat(seenByJames).containsExactly("mail from:<a@sender.example>");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void otherCommandsAreAnsweredAtOnceEvenWhenThePipelineIsBehind() {
        backlog.set(THRESHOLD + 500);

        send("EHLO client.example", "NOOP", "RSET", "QUIT");

        assertThat(seenByJames).containsExactly("EHLO client.example", "NOOP", "RSET", "QUIT");
    }

    @Test
    void aSecondTransactionPipelinedBehindTheFirstWaitsItsOwnTurn() {
        backlog.set(THRESHOLD);

        send("MAIL FROM:<a@sender.example>", "RSET", "MAIL FROM:<c@sender.example>");
        gate.oneMailFinished();
        channel.runPendingTasks();

        assertThat(seenByJames).containsExactly("MAIL FROM:<a@sender.example>", "RSET");
        assertThat(channel.config().isAutoRead()).isFalse();

        gate.oneMailFinished();
        channel.runPendingTasks();

        assertThat(seenByJames).containsExactly("MAIL FROM:<a@sender.example>", "RSET", "MAIL FROM:<c@sender.example>");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void aClosedConnectionReleasesWhatWasHeldAndGivesUpItsTurn() {
        backlog.set(THRESHOLD);
        ByteBuf mailFrom = line("MAIL FROM:<a@sender.example>");
        ByteBuf rcpt = line("RCPT TO:<b@example.org>");
        channel.writeInbound(mailFrom, rcpt);
        assertThat(gate.waiting()).isEqualTo(1);

        channel.close();

        assertThat(mailFrom.refCnt()).isZero();
        assertThat(rcpt.refCnt()).isZero();
        assertThat(gate.waiting()).isZero();
        assertThat(seenByJames).isEmpty();
    }

    private void send(String... lines) {
        for (String text : lines) {
            channel.writeInbound(line(text));
        }
        channel.runPendingTasks();
    }

    private static ByteBuf line(String text) {
        return Unpooled.copiedBuffer(text + "\r\n", StandardCharsets.US_ASCII);
    }
}
