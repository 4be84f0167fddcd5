import Foundation

/// A worker process: reads the cookie, listens, announces its port, and serves its master.
public enum WorkerProcess {
    public static func main(bindTo: String?) {
        FileHandle.standardError.write("dist --worker: workers are not available yet\n".data(using: .utf8)!)
        exit(1)
    }
}
