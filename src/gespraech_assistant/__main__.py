from gespraech_assistant.cli import main

main()
