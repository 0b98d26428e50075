/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.rspamd;

import java.util.Locale;

import dev.mailfort.local.rspamd.PrivateRspamdConfig;

/**
 * The tests' rspamd configuration: the action thresholds of {@link RspamdTestMail} and local rules that turn its
 * {@link RspamdTestMail#TRIGGER_HEADER} values into known answers.
 */
final class RspamdTestRules {
    private RspamdTestRules() {
    }

    static PrivateRspamdConfig configuration() {
        return PrivateRspamdConfig.builder()
            .action("greylist", RspamdTestMail.GREYLIST_THRESHOLD)
            .action("add_header", RspamdTestMail.ADD_HEADER_THRESHOLD)
            .action("rewrite_subject", RspamdTestMail.REWRITE_SUBJECT_THRESHOLD)
            .action("reject", RspamdTestMail.REJECT_THRESHOLD)
            .subject(RspamdTestMail.SUBJECT_TEMPLATE)
            .localRules(triggerRules())
            .build();
    }

    static String triggerRules() {
        return """
            -- Test triggers: a header value that lands a message in one action's score band, or forces an action.
            local function score_rule(value, score)
              return {
                re = '%1$s=/^' .. value .. '$/H',
                score = score,
                description = 'Mailfort test trigger: ' .. value,
                group = 'mailfort_test',
              }
            end

            config['regexp']['%2$s'] = score_rule('%3$s', %4$s)
            config['regexp']['%5$s'] = score_rule('%6$s', %7$s)
            config['regexp']['%8$s'] = score_rule('%9$s', %10$s)

            rspamd_config:register_symbol({
              name = '%11$s',
              type = 'prefilter',
              priority = 10,
              callback = function(task)
                if task:get_header('%1$s') == '%12$s' then
                  task:set_pre_result('soft reject', '%13$s', 'mailfort_test')
                end
              end,
            })
            """.formatted(
                RspamdTestMail.TRIGGER_HEADER,
                RspamdTestMail.GREYLIST_SYMBOL, RspamdTestMail.GREYLIST_TRIGGER,
                score(RspamdTestMail.GREYLIST_THRESHOLD + 1),
                RspamdTestMail.ADD_HEADER_SYMBOL, RspamdTestMail.ADD_HEADER_TRIGGER,
                score(RspamdTestMail.ADD_HEADER_THRESHOLD + 2),
                RspamdTestMail.REWRITE_SUBJECT_SYMBOL, RspamdTestMail.REWRITE_SUBJECT_TRIGGER,
                score(RspamdTestMail.REWRITE_SUBJECT_THRESHOLD + 1),
                RspamdTestMail.SOFT_REJECT_SYMBOL, RspamdTestMail.SOFT_REJECT_TRIGGER,
                RspamdTestMail.SOFT_REJECT_MESSAGE);
    }

    private static String score(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
