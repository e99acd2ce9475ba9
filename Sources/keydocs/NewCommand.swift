import ArgumentParser
import DocModel
import Foundation
import KeyPolicy

/// `keydocs new DIR`: a starter guide that builds with `--strict` at once.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a guide: mkdocs.yml, a page with a checked key recipe, and CI jobs.",
        discussion: """
            DIR must not exist yet, or be empty. The guide is written beside it and moved into \
            place in one step, so an interrupted run leaves nothing behind. Exit status: 0 made, \
            2 DIR is in the way or cannot be written.
            """
    )

    @Argument(help: ArgumentHelp("The folder to create.", valueName: "dir"))
    var directory: String

    func run() throws {
        let url = URL(fileURLWithPath: directory).standardizedFileURL
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw fail("it is a file") }
            let entries = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
            guard entries.isEmpty else {
                throw fail("it is not empty (\(entries.sorted().prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", …" : "")); "
                           + "keydocs new writes only into a new or empty folder")
            }
        }
        let name = url.lastPathComponent
        let key: String
        do { key = try KeyGenerator(policy: .civicrm).generate() } catch { throw fail("\(error)") }
        let files = StarterGuide.files(name: name, key: key)
        // Written beside the folder, then renamed into place: never half a guide.
        let staging = url.deletingLastPathComponent().appendingPathComponent(".\(name).keydocs-new-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for (path, text) in files {
                let file = staging.appendingPathComponent(path)
                try fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            }
            if fm.fileExists(atPath: url.path) { try fm.removeItem(at: url) }
            try fm.moveItem(at: staging, to: url)
        } catch {
            try? fm.removeItem(at: staging)
            throw fail((error as NSError).localizedDescription)
        }
        Console.out("created \(directory): \(files.map(\.path).joined(separator: ", "))")
        Console.out("next: cd \(directory) && keydocs build --strict   (or keydocs serve to read it as you write)")
    }

    private func fail(_ reason: String) -> ExitCode {
        Console.err("\(directory): error: cannot start a guide here: \(reason)")
        return ExitCode(2)
    }
}

/// The files of a new guide. The page's key is made when the guide is, so that no two guides
/// show the same one.
enum StarterGuide {
    static func files(name: String, key: String) -> [(path: String, text: String)] {
        [
            ("mkdocs.yml", config(name: name)),
            ("docs/index.md", page(key: key)),
            ("docs/ci.md", ciPage),
            (".github/workflows/keydocs.yml", githubWorkflow),
            (".gitlab-ci.yml", gitlabJob),
            (".gitignore", "site/\n\(cacheFolder)/\n"),
        ]
    }

    static func config(name: String) -> String {
        """
        site_name: \(yamlQuoted(name))
        docs_dir: docs
        site_dir: site
        nav:
          - API keys: index.md
          - Checking the guide in CI: ci.md
        extra:
          keydocs:
            # Every code block must be checked or skipped with a reason.
            coverage: full

        """
    }

    static func page(key: String) -> String {
        """
        # API keys

        An API key lets a program act for a CiviCRM contact. Make it a random string of \
        {{ policy.minLength }} to {{ policy.maxLength }} letters and digits: CiviCRM keeps it in \
        `{{ policy.column }}`, a `{{ policy.columnType }}` column.

        ## Make a key

        ```bash
        tr -dc 'A-Za-z0-9' </dev/urandom | head -c{{ policy.defaultLength }}; echo
        ```

        It prints a key like this one; make your own:

        ```text
        \(key)
        ```

        ## Give it to a contact

        With [cv](https://github.com/civicrm/cv), for contact 100:

        ```bash
        cv api4 Contact.update +w 'id = 100' +v api_key=\(key)
        ```

        `keydocs check` runs the recipe above in a sandbox, checks that the key shown is one it can
        print, and checks the cv command against CiviCRM's Contact fields.

        """
    }

    static let ciPage = """
        # Checking the guide in CI

        Every push runs `keydocs check`, so a broken sample fails the build before a reader
        copies it. This folder has a job for GitHub Actions and one for GitLab CI; keep the one
        your guide uses. Both keep the check's results in `\(cacheFolder)` between runs
        (`--cache`), so a change to one page runs only that page's samples again. Both build
        keydocs from its source (set `KEYDOCS_URL` to its address);
        `make install` also installs what the checks run on: bubblewrap, which needs user
        namespaces in the job's container, and MariaDB's server. Where an engine is missing,
        `keydocs check --strict` stops with exit status 2 and says which.

        ## GitHub Actions

        The findings go to code scanning, which shows them on the pull request:

        ```yaml
        \(githubWorkflow)
        ```

        ## GitLab CI

        The findings go to the merge request's code quality widget:

        ```yaml
        \(gitlabJob)
        ```

        """

    /// Where the CI jobs keep the check's results between runs (`--cache`).
    static let cacheFolder = ".keydocs-cache"

    static let githubWorkflow = """
        # Checks every sample of the guide and builds it; findings go to code scanning.
        name: docs
        on: [push, pull_request]
        permissions:
          contents: read
          security-events: write
        jobs:
          docs:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - name: Install keydocs
                # KEYDOCS_URL: a repository variable with the address of keydocs' source.
                run: |
                  git clone --depth 1 "${{ vars.KEYDOCS_URL }}" "$RUNNER_TEMP/keydocs"
                  sudo make -C "$RUNNER_TEMP/keydocs" install PREFIX=/usr/local
              - name: Restore the check's results
                # A sample whose text, page, policy and keydocs version are unchanged is not run
                # again. Each run saves a new entry; what a pull request saves only that pull
                # request reads.
                uses: actions/cache@v4
                with:
                  path: \(cacheFolder)
                  key: keydocs-${{ github.sha }}
                  restore-keys: keydocs-
              - name: Check the samples
                run: keydocs check --strict --cache \(cacheFolder) --format sarif > keydocs.sarif
              - name: Report the findings
                if: always()
                uses: github/codeql-action/upload-sarif@v3
                with:
                  sarif_file: keydocs.sarif
              - name: Build the site
                run: keydocs build --strict --no-check
        """

    static let gitlabJob = """
        # Checks every sample of the guide and builds it; findings go to the merge request.
        docs:
          image: swift:6.3-bookworm
          before_script:
            # KEYDOCS_URL: a CI/CD variable with the address of keydocs' source.
            - apt-get update -qq && apt-get install -y -qq git make
            - git clone --depth 1 "$KEYDOCS_URL" /opt/keydocs
            - make -C /opt/keydocs install PREFIX=/usr/local
          cache:
            # A sample whose text, page, policy and keydocs version are unchanged is not run again.
            # Protected branches keep caches of their own (GitLab's default).
            key: keydocs
            paths:
              - \(cacheFolder)/
          script:
            - keydocs check --strict --cache \(cacheFolder) --format gitlab > gl-code-quality-report.json
            - keydocs build --strict --no-check
          artifacts:
            when: always
            reports:
              codequality: gl-code-quality-report.json
            paths:
              - site
        """

    /// `name` as a YAML double-quoted scalar.
    static func yamlQuoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
