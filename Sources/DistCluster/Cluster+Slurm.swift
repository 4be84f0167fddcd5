import CDistSupport
import DistLang
import Foundation

/// `SlurmManager` (ClusterManagers.jl's `addprocs_slurm`, SlurmClusterManager.jl's
/// `SlurmManager()`): one `srun` job step runs a worker per task.
///
/// - Inside an allocation (`SLURM_JOB_ID` set), `SlurmManager()` starts one worker per task of
///   the allocation (`SLURM_NTASKS`) as an `--overlap` step, so it can share the allocation
///   with the step the master may be running in.
/// - Elsewhere, `addprocs(SlurmManager(np; partition, time, …))` or `addprocs_slurm(np; …)`
///   asks Slurm for a job of `np` tasks and runs the step in it.
/// - The cookie reaches every task on its standard input (`--input=all`), never a command
///   line; `-l` labels every line of output with its task, so the announcements and later
///   output of all the workers can share srun's one output stream.
/// - Closing srun's input ends every task; `scancel` of the job ends the step, and the
///   workers' connections closing make them `Worker N terminated.` as any worker death.
final class SlurmStep: WorkerOutputRouter {
    let reader: PipeReader
    unowned(unsafe) let cluster: Cluster
    /// Task number → worker pid, once the worker has joined.
    var pids: [Int: Int] = [:]
    /// Output of tasks whose worker has not joined yet.
    var early: [Int: [String]] = [:]
    /// Announcements (task, address, port, certificate fingerprint) not yet taken by `launch`.
    var announced: [(Int, String, Int, [UInt8])] = []
    var errors: [String] = []
    var ended = false
    let changed = WaitQueue()

    init(reader: PipeReader, cluster: Cluster) {
        self.reader = reader
        self.cluster = cluster
        reader.takeOver(lines: { [unowned self] line in self.line(line) }, closed: { [unowned self] in
            self.ended = true
            self.changed.notifyAll(cluster.runtime.scheduler)
        })
    }

    /// `K: text` from task K.
    func line(_ text: String) {
        guard let colon = text.firstIndex(of: ":"), let task = Int(text[..<colon].trimmingCharacters(in: .whitespaces)) else {
            errors.append(text)
            cluster.printLine("\tFrom srun:\t" + text)
            return
        }
        var rest = String(text[text.index(after: colon)...])
        if rest.hasPrefix(" ") { rest.removeFirst() }
        if let pid = pids[task] {
            if rest.hasPrefix(cluster.outputPrefixStyle) { cluster.printLine(rest) } else { cluster.printLine(cluster.outputPrefix(pid) + rest) }
            return
        }
        if rest.hasPrefix(WorkerProcess.announcementPrefix), let a = WorkerProcess.parseAnnouncement(rest, pid: 0) {
            announced.append((task, a.host, a.port, a.fingerprint))
            changed.notifyAll(cluster.runtime.scheduler)
            return
        }
        early[task, default: []].append(rest)
    }

    func attach(pid: Int, cluster: Cluster) {}

    /// The router of one task.
    func router(for task: Int) -> TaskRouter { TaskRouter(step: self, task: task) }
}

/// Attaches one task's output to its worker's pid once it has joined.
final class TaskRouter: JObject, WorkerOutputRouter {
    let step: SlurmStep
    let task: Int
    init(step: SlurmStep, task: Int) {
        self.step = step
        self.task = task
    }

    func attach(pid: Int, cluster: Cluster) {
        step.pids[task] = pid
        for l in step.early.removeValue(forKey: task) ?? [] { cluster.printLine(cluster.outputPrefix(pid) + l) }
    }
}

extension Cluster {
    func launchSlurm(_ t: Ctx, _ m: JStruct, _ p: Params, _ launched: JArray, _ notify: JCondition) throws {
        let rt = runtime
        let env = ProcessInfo.processInfo.environment
        let inAllocation = env["SLURM_JOB_ID"] != nil
        // the manager's own keywords (SlurmManager(np; kw…)) and addprocs' keywords
        var kw: [String: Value] = [:]
        if case .obj(let o) = m[1], let d = o as? JDict {
            for (k, v) in d.entries { if case .sym(let s) = k { kw[s.name] = v } }
        }
        for (k, v) in p.dict.entries { if case .sym(let s) = k, !v.isNothing { kw[s.name] = v } }
        var np: Int
        if case .int(let n) = m[0] {
            np = Int(n)
        } else {
            guard inAllocation, let n = Int(env["SLURM_NTASKS"] ?? env["SLURM_NPROCS"] ?? "") else {
                throw JuliaError.error("SlurmManager() without a number of workers needs a Slurm allocation (run it under salloc or sbatch)")
            }
            np = n
        }
        guard np >= 1 else { throw JuliaError.argument("SlurmManager: the number of workers must be positive") }
        let srun = try p.string("srun") ?? "srun"
        var args = [srun, "--ntasks=\(np)", "--label", "--input=all", "--unbuffered", "--kill-on-bad-exit=0"]
        if inAllocation { args.append("--overlap") }
        func str(_ v: Value) -> String { (try? rt.printString(v, t)) ?? "" }
        let options: [(String, String)] = [("partition", "--partition"), ("time", "--time"), ("nodes", "--nodes"),
                                           ("ntasks_per_node", "--ntasks-per-node"), ("cpus_per_task", "--cpus-per-task"),
                                           ("mem", "--mem"), ("account", "--account"), ("qos", "--qos")]
        for (k, flag) in options { if let v = kw[k] { args.append("\(flag)=\(str(v))") } }
        if !inAllocation { args.append("--job-name=\(kw["job_name"].map(str) ?? "dist-workers")") }
        args += try p.words("srunflags")
        let exename = try p.exenameWords()
        let dir = try p.string("dir") ?? FileManager.default.currentDirectoryPath
        args.append("--chdir=\(dir)")
        var environment = env
        for (k, v) in try p.workerEnvironment() { environment[k] = v }
        args += exename + (try p.words("exeflags")) + ["--worker"] + workerTLSArguments
        let cmd = JCmd(args)
        cmd.env = environment.map { "\($0.key)=\($0.value)" }
        let proc = try rt.spawn(cmd, pipeIn: true, pipeOut: true, stderrToOut: true)
        try proc.write(Array((cookie + "\n").utf8))
        let step = SlurmStep(reader: proc.out!, cluster: self)
        slurmSteps.append(proc)
        var taken = 0
        let wait = max(Cluster.workerTimeout, 120)
        let deadline = monotonicSeconds() + wait
        while taken < np {
            while let (task, host, port, fingerprint) = step.announced.first {
                step.announced.removeFirst()
                taken += 1
                let config = WorkerConfigFields.make([
                    "host": .str(JStr(host)), "port": .int(Int64(port)), "process": .obj(proc), "userdata": .obj(step.router(for: task)),
                    "exename": exename.count == 1 ? .str(JStr(exename[0])) : .obj(JCmd(exename)), "enable_threaded_blas": .bool(try p.bool("enable_threaded_blas")),
                    "ident": .int(Int64(task)),
                ])
                if !fingerprint.isEmpty { announcedFingerprints[ObjectIdentifier(config)] = fingerprint }
                try launched.appendRaw(.obj(config))
                notify.notify(.nothing, all: true, rt.scheduler)
            }
            if taken >= np { break }
            if step.ended {
                let why = step.errors.suffix(5).joined(separator: "\n")
                throw JuliaError.error("srun ended after \(taken) of \(np) workers started" + (why.isEmpty ? "" : ":\n" + why))
            }
            if monotonicSeconds() > deadline {
                proc.closeInput()
                throw JuliaError.error("Slurm started \(taken) of \(np) workers in \(Int(wait)) s; is the job still queued? (squeue)")
            }
            rt.scheduler.driver.schedule(after: 1) { step.changed.notifyAll(rt.scheduler) }
            try step.changed.wait(rt.scheduler)
        }
    }
}
