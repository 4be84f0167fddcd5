// dist: an interactive shell for distributed evaluation. See DistShell for the work.
import DistShell

let arguments = DistCommand.normalized(Array(CommandLine.arguments.dropFirst()))
if !DistCommand.runWorkerDirectly(arguments) {
    DistCommand.main(arguments)
}
