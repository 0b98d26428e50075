/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestKeyspaceTest {
    private static final String VALID_UNQUOTED_IDENTIFIER = "[a-z][a-z0-9_]*";

    @Test
    void nameShowsTheTestClass() {
        assertThat(TestKeyspace.nameFor(TestKeyspaceTest.class))
            .matches("t_testkeyspacetest_[0-9a-f]{8}");
    }

    @Test
    void namesDifferFromOneCallToTheNext() {
        assertThat(TestKeyspace.nameFor(TestKeyspaceTest.class))
            .isNotEqualTo(TestKeyspace.nameFor(TestKeyspaceTest.class));
    }

    @Test
    void longClassNamesAreCutToFitCassandrasLimit() {
        String name = TestKeyspace.nameFor(AClassWithAVeryLongNameThatGoesOnAndOnAndOnForeverAndEver.class);

        assertThat(name).hasSizeLessThanOrEqualTo(TestKeyspace.MAX_NAME_LENGTH)
            .startsWith("t_aclasswithaverylongnamethatg")
            .matches(VALID_UNQUOTED_IDENTIFIER);
    }

    @Test
    void charactersOutsideIdentifiersAreReplaced() {
        Object anonymous = new Object() { };

        assertThat(TestKeyspace.nameFor(anonymous.getClass())).matches("t_[0-9a-f]{8}");
        assertThat(TestKeyspace.nameFor(Ünïcödé.class)).matches(VALID_UNQUOTED_IDENTIFIER);
    }

    @Test
    void aNameWithoutClassIsStillValid() {
        assertThat(TestKeyspace.nameFor(null)).matches("t_[0-9a-f]{8}");
    }

    private static final class AClassWithAVeryLongNameThatGoesOnAndOnAndOnForeverAndEver {
    }

    private static final class Ünïcödé {
    }
}
