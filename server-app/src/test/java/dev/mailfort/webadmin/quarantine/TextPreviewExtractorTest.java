/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

class TextPreviewExtractorTest {
    private final TextPreviewExtractor extractor = new TextPreviewExtractor(40);

    @Test
    void aSinglePartTextMailIsShownDecoded() throws Exception {
        TextPreview preview = extractor.extract(message("""
            Subject: hello
            Content-Type: text/plain; charset=ISO-8859-1
            Content-Transfer-Encoding: quoted-printable

            Caf=E9 cr=E8me
            """));

        assertThat(preview).isEqualTo(new TextPreview("Café crème\r\n", false, null));
    }

    @Test
    void theFirstTextPlainPartIsChosenNeverTheHtml() throws Exception {
        TextPreview preview = extractor.extract(message("""
            Subject: alternatives
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/html; charset=UTF-8

            <p>HTML <script>alert(1)</script></p>
            --inner
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: base64

            UGxhaW4gdGV4dA==
            --inner--
            --outer
            Content-Type: text/plain; name="notes.txt"
            Content-Disposition: attachment; filename="notes.txt"

            attached file
            --outer--
            """));

        assertThat(preview.text()).isEqualTo("Plain text");
        assertThat(preview.problem()).isNull();
    }

    @Test
    void aTextAttachmentIsNotTakenForTheBody() throws Exception {
        TextPreview preview = extractor.extract(message("""
            Subject: only an attachment
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain
            Content-Disposition: attachment; filename="a.txt"

            attached
            --b--
            """));

        assertThat(preview).isEqualTo(TextPreview.none());
    }

    @Test
    void longTextIsCutAndSaysSo() throws Exception {
        TextPreview preview = extractor.extract(message("Subject: long\n\n" + "x".repeat(100) + "\n"));

        assertThat(preview.text()).hasSize(40);
        assertThat(preview.truncated()).isTrue();
    }

    @Test
    void anUnknownCharsetFallsBackToUtf8() throws Exception {
        TextPreview preview = extractor.extract(message("""
            Subject: odd charset
            Content-Type: text/plain; charset=x-no-such-charset

            plain ascii
            """));

        assertThat(preview.text()).isEqualTo("plain ascii\r\n");
    }

    @Test
    void aMultipartWithoutItsBoundaryGivesAProblemNotAnException() throws Exception {
        TextPreview preview = extractor.extract(message("""
            Subject: broken
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="never-used"

            no boundary anywhere
            """));

        assertThat(preview.text()).isNull();
        assertThat(preview.problem()).isNotBlank();
    }

    @Test
    void brokenBase64GivesTextOrAProblemNeverAnException() throws Exception {
        TextPreview preview = extractor.extract(message("""
            Subject: bad base64
            Content-Type: text/plain
            Content-Transfer-Encoding: base64

            SGVsbG8g!!!!%%%%
            """));

        assertThat(preview.problem() != null || preview.text() != null).isTrue();
    }

    @Test
    void anUnknownTransferEncodingShowsTheRawText() throws Exception {
        TextPreview preview = extractor.extract(message("""
            Subject: x-encoding
            Content-Type: text/plain
            Content-Transfer-Encoding: x-unheard-of

            raw body
            """));

        assertThat(preview.text()).isEqualTo("raw body\r\n");
    }

    @Test
    void aMailWithoutTextHasNoPreview() throws Exception {
        TextPreview preview = extractor.extract(message("""
            Subject: image only
            Content-Type: image/png
            Content-Transfer-Encoding: base64

            iVBORw0KGgo=
            """));

        assertThat(preview).isEqualTo(TextPreview.none());
    }

    private static MimeMessage message(String text) throws Exception {
        byte[] bytes = text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }
}
