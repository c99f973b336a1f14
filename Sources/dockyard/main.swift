// The `dockyard` executable: everything lives in DockyardCLI so it can be tested.
import DockyardCLI

DockyardCommand.main()
