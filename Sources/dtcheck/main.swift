import DTCLI

// The executable is a thin shell: all behaviour lives in the DTCLI library.
DTCheckCommand.main()
