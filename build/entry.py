"""PyInstaller entry script: the bundle runs this as __main__, so it imports the package absolutely."""

from ipt_desktop.__main__ import main

raise SystemExit(main())
