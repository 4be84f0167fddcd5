import DistCluster
import Foundation

/// `dist --worker`: becomes a worker process (see DistCluster's `WorkerProcess`).
enum WorkerMain {
    static func run(bindTo: String?) {
        WorkerProcess.main(bindTo: bindTo)
    }
}
