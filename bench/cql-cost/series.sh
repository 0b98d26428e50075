#!/bin/sh
# One configuration after the other on the same Cassandra node: 600 warm-up, 3 x 400 timed, 1 x 200 with the full query log.
cd "$(dirname "$0")"
S=${1:-a}
python3 cqlcost.py --name $S-base --n 400 --fql-after 200
python3 cqlcost.py --name $S-domcache --n 400 --fql-after 200 --domain-cache
python3 cqlcost.py --name $S-domcache-mbxweak --n 400 --fql-after 200 --domain-cache --knob mailbox.read.strong.consistency=false
python3 cqlcost.py --name $S-domcache-mbxweak-msgweak --n 400 --fql-after 200 --domain-cache --knob mailbox.read.strong.consistency=false --knob message.write.strong.consistency.unsafe=false
python3 cqlcost.py --name $S-base2 --n 400 --fql-after 200
