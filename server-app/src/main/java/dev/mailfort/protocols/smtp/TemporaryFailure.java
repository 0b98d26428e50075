/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;

/**
 * The answer of every check of ours that could not reach its verdict because of our own side (a backend, a scanner,
 * DNS): {@code 451 4.3.0}. The sending server keeps the mail and tries again; the text says nothing of the cause,
 * which is for our log, not for the client.
 */
final class TemporaryFailure {
    static final HookResult CANNOT_CHECK = HookResult.builder()
        .hookReturnCode(HookReturnCode.denySoft())
        .smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.SYSTEM_OTHER)
            + " Temporary failure, try again later")
        .build();

    private TemporaryFailure() {
    }
}
