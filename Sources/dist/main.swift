// dist: an interactive shell for distributed evaluation. See DistShell for the work.
import DistShell

DistCommand.main(DistCommand.normalized(Array(CommandLine.arguments.dropFirst())))
