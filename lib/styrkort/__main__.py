import sys

from styrkort.cli.main import main

sys.exit(main())
