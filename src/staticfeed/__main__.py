from staticfeed.cli import main

main()
