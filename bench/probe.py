"""Start bench/probe_app.py from its compiled bytecode (see ``bench.run.byte_compile``).

Python compiles the script it is given from source at every start, never from a cache: run
directly, the probe's ~350 lines cost ~7 ms of each measured start-up that the app does not
have. Imported from here, they load from bench/__pycache__ like any installed module.

    python bench/probe.py first-paint --data-dir DIR    (arguments as for probe_app.py)
"""

import probe_app

probe_app.main()
