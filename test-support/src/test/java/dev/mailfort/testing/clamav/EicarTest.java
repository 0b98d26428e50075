/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.clamav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

class EicarTest {

    @Test
    void isTheSixtyEightBytesOfTheStandardTestFile() {
        assertThat(Eicar.bytes()).hasSize(68);
        assertThat(Eicar.text()).startsWith("X5O!P%@AP").endsWith("$H+H*");
    }

    @Test
    void hasTheWellKnownMd5() {
        assertThat(Eicar.md5Hex(Eicar.bytes())).isEqualTo("44d88612fea8a8f36de82e1278abb02f");
    }

    @Test
    void hdbSignatureIsHashSizeAndName() {
        assertThat(Eicar.hdbSignature()).isEqualTo("44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature");
    }

    @Test
    void zipHoldsEicarAsItsOnlyEntry() throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Eicar.inZip()))) {
            ZipEntry entry = zip.getNextEntry();
            assertThat(entry.getName()).isEqualTo("eicar.com");
            assertThat(zip.readAllBytes()).isEqualTo(Eicar.bytes());
            assertThat(zip.getNextEntry()).isNull();
        }
    }

    @Test
    void zipInZipHoldsTheEicarZip() throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Eicar.inZipInZip()))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo("eicar.zip");
            assertThat(zip.readAllBytes()).isEqualTo(Eicar.inZip());
        }
    }
}
