from eval.run import main

raise SystemExit(main())
