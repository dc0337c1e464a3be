import ArgumentParser
import Foundation
import MTLintKit

/// Entry point: runs the command and maps ArgumentParser's usage errors
/// (exit 64) to mtlint's contract (exit 2).
do {
    var command = try MTLintCommand.parseAsRoot()
    try command.run()
} catch {
    let code = MTLintCommand.exitCode(for: error)
    if code == .validationFailure {
        FileHandle.standardError.write(Data((MTLintCommand.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    MTLintCommand.exit(withError: error)
}
