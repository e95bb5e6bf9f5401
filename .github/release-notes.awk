# The release notes of one version: its section of CHANGELOG.md, from the
# line after its "## X.Y.Z (Month D, YYYY)" heading to the next "## "
# heading, leading blank lines dropped. The release workflow runs
#
#   awk -v version=X.Y.Z -f .github/release-notes.awk CHANGELOG.md
#
# and fails when the section is missing or empty. Tested by TestReleaseNotes
# (release_test.go).
$1 == "##" {
  if (found) exit
  found = ($2 == version)
  next
}
found && (printed || NF) {
  print
  printed = 1
}
END {
  if (!printed) {
    print "CHANGELOG.md has no section \"## " version "\", or it is empty: write the release notes there first" > "/dev/stderr"
    exit 1
  }
}
