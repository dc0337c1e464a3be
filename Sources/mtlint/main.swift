import ArgumentParser
import Foundation
import MTLintKit

/// Entry point: runs the command and maps ArgumentParser's usage errors
/// (exit 64) to mtlint's contract (exit 2).
// Before any file is opened: a closed standard stream must not lend its number to one.
_ = StandardStreams.closedAtLaunch
do {
    var command = try MTLintCommand.parseAsRoot()
    try command.run()
} catch {
    let code = MTLintCommand.exitCode(for: error)
    if code == .validationFailure {
        Output.standardError(MTLintCommand.fullMessage(for: error) + "\n")
        exit(2)
    }
    MTLintCommand.exit(withError: error)
}
