#!/bin/bash
# Licensed under the Apache License, Version 2.0: http://www.apache.org/licenses/LICENSE-2.0
# Stand-in for the clamav image's health check: clamd answers PONG to PING.
exec 3<>/dev/tcp/127.0.0.1/3310 || exit 1
printf 'zPING\0' >&3
[ "$(timeout 5 head -c 4 <&3)" = PONG ]
