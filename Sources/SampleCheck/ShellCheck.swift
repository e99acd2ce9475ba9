import DocModel
import Foundation
import KeyPolicy
import Support

extension PageChecker {
    /// A shell generator, in steps: parse it, take the key out of a variable that cv is given,
    /// refuse what it may not run, judge its random source, run it, judge what the runs printed.
    mutating func checkShell(_ sample: Sample, directives: Directives) -> BlockResult {
        guard var (commandText, commands) = parseShell(sample) else { return .failed }
        // A block that makes a key into a variable and hands it to cv: the generator is what the
        // variable holds, which the runs print; the cv commands are where the key goes, checked
        // as cv commands and not run.
        if let (variable, firstSink) = ShellGenerator.keyVariable(commands) {
            for sink in commands where sink.name == "cv" { _ = checkCvCommand(sink, sample: sample) }
            let lines = commandText.split(separator: "\n", omittingEmptySubsequences: false)
            commandText = lines.prefix(firstSink).joined(separator: "\n") + "\nprintf '%s\\n' \"$\(variable)\""
            commands = commands.filter { $0.line < firstSink }
        }
        let refused = refuseCommands(commands, in: sample, directives: directives)
        let context = commandText.split(separator: "\n").filter { !$0.isEmpty }.map { "$ " + $0 }
        judgeRandomSource(commands, in: sample, context: context)
        guard !refused else { return .failed }
        let sandbox: Sandbox
        switch engines.sandbox {
        case .success(let found): sandbox = found
        case .failure(let error):
            return .notRun("shell sample not run: \(error.reason)")
        }
        // Findings about what the command prints belong to the line of the last command.
        let printing = sample.location(ofLine: commands.last?.line ?? 0)
        let runs = min(directives.runs ?? options.runs, CheckOptions.maxRuns)
        let batch = runGenerator(commandText, runs: runs, in: sandbox, printing: printing)
        if let failure = batch.failure {
            return .notRun("shell sample not run: \(failure)")
        }
        guard !reportLimits(of: batch, runs: runs, in: sandbox, at: printing, context: context) else { return .failed }
        let failed = batch.runs.filter { $0.status != 0 }
        if !failed.isEmpty {
            let stderr = String(decoding: batch.stderr.prefix(600), as: UTF8.self)
                .split(separator: "\n").prefix(4).map { "stderr: " + $0 }
            report(.generatorExit, at: printing,
                   "the command exited with status \(failed[0].status) in \(failed.count) of \(counted(batch.runs.count, "run"))",
                   context: context + stderr)
        }
        let (found, record) = GeneratorRecord.evaluate(batch.runs.map(\.text), at: printing,
                                                       validator: validator, context: context)
        current += found
        lastGenerator = record
        readShownKey(in: sample)
        let lengths = record.lengthsText ?? "?"
        let measured = "\(lengths)-character keys in \(batch.runs.count) runs"
        return .checked("ran \(batch.runs.count) times: all different, all valid", measured: measured)
    }

    /// The block's command lines and their commands, or nil (reported) when there are none to run.
    private mutating func parseShell(_ sample: Sample) -> (String, [ShellCommand])? {
        let commandText = ShellSyntax.commandLines(sample.text)
        let commands: [ShellCommand]
        do { commands = try ShellSyntax.parse(commandText) } catch {
            report(.generatorSyntax, at: sample.location(ofLine: error.line), "cannot parse the command: \(error.message)")
            return nil
        }
        guard !commands.isEmpty else {
            report(.generatorEmpty, at: sample.location, "the block holds no command")
            return nil
        }
        return (commandText, commands)
    }

    /// Reports every command the block may not run; whether there was one.
    private mutating func refuseCommands(_ commands: [ShellCommand], in sample: Sample, directives: Directives) -> Bool {
        // Without the sandbox the allowlist is the only barrier: only the command line widens it.
        let unsandboxed = (try? engines.sandbox.get())?.mode == Sandbox.Mode.none
        let allowed = unsandboxed ? options.allowlist : options.allowlist.union(directives.allow)
        var refused = false
        for command in commands {
            if let reason = ShellGenerator.refusal(command) {
                report(.generatorNotAllowed, at: sample.location(ofLine: command.line), "'\(command.name ?? "the command")' \(reason)")
                refused = true
                continue
            }
            guard let name = command.name else { continue }
            if name.contains("$") || name.contains("`") || name.contains("/") {
                report(.generatorNotAllowed, at: sample.location(ofLine: command.line),
                       "'\(name)' runs a program named at run time or by path; only commands on the allowlist run")
                refused = true
            } else if !allowed.contains(name) && !ShellGenerator.harmless.contains(name) && directives.allow.contains(name) {
                report(.generatorNotAllowed, at: sample.location(ofLine: command.line),
                       "'\(name)' is allowed by the page's allow=, which is not honoured with --sandbox none: outside the "
                       + "sandbox only the command line (--allow \(name)) adds commands to the allowlist")
                refused = true
            } else if !allowed.contains(name) && !ShellGenerator.harmless.contains(name) {
                report(.generatorNotAllowed, at: sample.location(ofLine: command.line),
                       "'\(name)' is not on the allowlist (\(allowed.sorted().joined(separator: ", "))); "
                       + "add it with <!-- check: allow=\(name) --> if it is safe to run, or skip the block")
                refused = true
            }
        }
        if !refused, let (command, reason) = ShellGenerator.dependence(commands) {
            report(.generatorNotAllowed, at: sample.location(ofLine: command.line), "'\(command.name ?? "the command")' \(reason)")
            refused = true
        }
        return refused
    }

    /// Reports a command that reads no random source, or too few random bytes for its keys to
    /// be strong, whatever they look like.
    private mutating func judgeRandomSource(_ commands: [ShellCommand], in sample: Sample, context: [String]) {
        let first = sample.location(ofLine: commands[0].line)
        if !commands.contains(where: ShellGenerator.readsRandom) {
            report(.generatorNoRandom, at: first,
                   "the command reads no random source (/dev/urandom, /dev/random or openssl rand)", context: context)
        }
        guard let bits = ShellGenerator.keyBits(commands), bits.isFinite, commands.contains(where: ShellGenerator.readsRandom) else { return }
        let policy = validator.policy
        let shown = Int(bits.rounded(.down))
        if bits < policy.weakThresholdBits {
            report(.generatorEntropy, at: first,
                   "the key can carry at most \(shown) random bits (what the command reads, as each step of its pipeline passes it on): "
                   + "its keys can be no stronger than that, under \(Int(policy.weakThresholdBits)) bits, however long they look", context: context)
        } else if bits < policy.strengthWarningBits {
            report(.keyStrength, at: first,
                   "the key can carry at most \(shown) random bits (what the command reads, as each step of its pipeline passes it on): "
                   + "its keys can be no stronger than that, under \(Int(policy.strengthWarningBits)) bits", context: context)
        }
    }

    /// The generator's runs, shared with every page that shows the same command. A run that
    /// fails, prints a bad key or prints a key an earlier run printed settles the verdict: the
    /// rest are not made.
    private func runGenerator(_ commandText: String, runs: Int, in sandbox: Sandbox, printing: SourceLocation) -> Sandbox.Batch {
        let validator = validator
        let seen = SeenKeys()
        return engines.runs.batch(commandText, runs: runs, in: sandbox) {
            // Each run has its own limit; the runs together have the sample's budget.
            sandbox.runParallel(script: commandText, runs: runs, totalSeconds: CheckOptions.sampleSeconds) { run in
                run.status != 0 || run.truncated || !seen.insert(validator.normalized(run.text))
                    || !GeneratorRecord.evaluate([run.text], at: printing, validator: validator, context: []).0.isEmpty
            }
        }
    }

    /// Reports a batch that went past a limit of the sandbox; whether it did.
    private mutating func reportLimits(of batch: Sandbox.Batch, runs: Int, in sandbox: Sandbox,
                                       at printing: SourceLocation, context: [String]) -> Bool {
        let problem: String
        if batch.runs.contains(where: \.leftProcesses) {
            problem = "the command left processes running after it ended; a generator prints its key and finishes"
        } else if batch.overMemory {
            problem = "the command's processes used more than \(sandbox.memoryLimit >> 20) MiB of memory together"
        } else if batch.runs.contains(where: \.timedOut) {
            problem = "the command did not finish within \(sandbox.perRunSeconds) s"
        } else if batch.timedOut && batch.runs.count < runs {
            problem = "\(counted(runs, "run")) did not finish within \(Int(CheckOptions.sampleSeconds)) s (\(batch.runs.count) finished)"
        } else if batch.runs.contains(where: \.truncated) || batch.overLimit {
            problem = "the command printed more than \(sandbox.perRunOutput / 1024) KiB"
        } else {
            return false
        }
        report(.generatorLimit, at: printing, problem, context: context)
        return true
    }

    /// A console block may show what the command printed on the lines without a prompt: that
    /// key is held to the policy and remembered for the blocks after it.
    private mutating func readShownKey(in sample: Sample) {
        shownKey = nil
        let shown = sample.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { !$0.element.hasPrefix("$ ") && !$0.element.isEmpty }
        guard sample.text.contains("$ "), let first = shown.first, shown.count == 1,
              let output = KeyOutput.parse(String(first.element)) else { return }
        let location = sample.location(ofLine: first.offset)
        reportKey(output.key, at: location, "the key shown: ")
        shownKey = (output.key, location)
    }
}
