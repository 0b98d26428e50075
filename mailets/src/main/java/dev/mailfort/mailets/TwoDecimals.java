/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A score written with two decimals, as {@code String.format(Locale.ROOT, "%.2f", value)} writes it, without a
 * {@code Formatter} per number: the spam headers write a dozen scores per message, and the formatter's parsing of
 * its pattern showed in the profile of the mail path (issue 8).
 */
final class TwoDecimals {
    private TwoDecimals() {
    }

    /**
     * @param value any double
     * @return the value rounded half up (away from zero) at the second decimal, from its shortest decimal form,
     *     the way {@code %.2f} rounds it
     */
    static String format(double value) {
        if (!Double.isFinite(value) || (value == 0 && Double.doubleToRawLongBits(value) != 0)) {
            // NaN, infinities and -0.0 are rare and written differently by BigDecimal: the formatter keeps them exact.
            return String.format(Locale.ROOT, "%.2f", value);
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
        // The formatter keeps the sign of a negative value that rounds to zero ("-0.00"); BigDecimal has no -0.
        return value < 0 && rounded.signum() == 0 ? "-" + rounded.toPlainString() : rounded.toPlainString();
    }
}
