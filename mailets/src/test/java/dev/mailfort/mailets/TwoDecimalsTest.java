/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TwoDecimalsTest {
    private static void writtenAsTheFormatterWrites(double value) {
        assertThat(TwoDecimals.format(value)).as("%s", value).isEqualTo(String.format(Locale.ROOT, "%.2f", value));
    }

    @Test
    void typicalScoresAreWrittenWithTwoDecimals() {
        assertThat(TwoDecimals.format(0)).isEqualTo("0.00");
        assertThat(TwoDecimals.format(5.5)).isEqualTo("5.50");
        assertThat(TwoDecimals.format(-1.2)).isEqualTo("-1.20");
        assertThat(TwoDecimals.format(15)).isEqualTo("15.00");
    }

    @Test
    void halvesAreRoundedAwayFromZeroLikeTheFormatter() {
        for (double value : new double[] {0.125, -0.125, 1.005, 2.675, 0.005, -0.005, 0.015, 1.115, 99.995}) {
            writtenAsTheFormatterWrites(value);
        }
    }

    @Test
    void extremeAndSpecialValuesAreWrittenLikeTheFormatter() {
        for (double value : new double[] {-0.0, 1e-7, 1e7, 123456789.987, Double.MAX_VALUE, Double.MIN_VALUE,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            writtenAsTheFormatterWrites(value);
        }
    }

    @Test
    void randomScoresAreWrittenLikeTheFormatter() {
        Random random = new Random(8);
        for (int i = 0; i < 100_000; i++) {
            writtenAsTheFormatterWrites(Math.round((random.nextDouble() * 40 - 20) * 1000) / 1000.0);
            writtenAsTheFormatterWrites(random.nextGaussian() * 10);
        }
    }
}
