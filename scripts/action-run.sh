#!/usr/bin/env bash
# The one run step of the composite action (action.yml). It turns the action's
# inputs, handed over as INPUT_* environment variables, into one wirepin
# command line, runs it, writes a markdown report, and exits with wirepin's
# exit code (0 every check holds, 1 a violation, 2 wirepin could not run).
#
# Inputs reach wirepin only as elements of a bash array, one argv element each:
# nothing is passed through eval, `bash -c` or an unquoted expansion, so an
# input can never become shell syntax or an extra argument.
#
#   scripts/action-run.sh               run, as the action does
#   scripts/action-run.sh --print-args  print the wirepin arguments the inputs
#                                       give, each ended by a NUL byte, and run
#                                       nothing (for tests)
#
# Environment (all optional unless the command needs it; empty = not given):
#   INPUT_COMMAND          check | lint | generate-check | pin | consumes | diff | sync
#   INPUT_CONTRACT         the contract file (lint, generate-check, pin, consumes, diff; the mirror for sync)
#   INPUT_MIRROR           sync: the mirrored contract (default: INPUT_CONTRACT)
#   INPUT_SOURCE           sync: the source of truth, a path or REF:PATH
#   INPUT_GO INPUT_TS INPUT_JSON INPUT_TYPE   pin and consumes: where the struct or type lives
#   INPUT_BASE_REF         diff: the git ref to compare against (diff --against)
#   INPUT_FAIL_ON          diff: breaking | needs-both-sides | any
#   INPUT_CONFIG           check: the config file (default wirepin.yaml)
#   INPUT_FORMAT           the format of the logged output (default github)
#   INPUT_WIREPIN_VERSION  when set, the version wirepin must report
#   WIREPIN_CLI            the bin/wirepin.js to run (scripts/action-install.sh locate
#                          says which); default: GITHUB_ACTION_PATH's own
#   GITHUB_ACTION_PATH     the wirepin checkout (required)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP   as GitHub Actions sets them
set -uo pipefail

# die MESSAGE: a workflow error command, then exit 2 (the action could not run wirepin).
# shellcheck source=scripts/action-die.sh
source "$(dirname "${BASH_SOURCE[0]}")/action-die.sh"

command=${INPUT_COMMAND:-check}
contract=${INPUT_CONTRACT:-}
mirror=${INPUT_MIRROR:-}
source=${INPUT_SOURCE:-}
go=${INPUT_GO:-}
ts=${INPUT_TS:-}
json=${INPUT_JSON:-}
type=${INPUT_TYPE:-}
base_ref=${INPUT_BASE_REF:-}
fail_on=${INPUT_FAIL_ON:-}
config=${INPUT_CONFIG:-}
format=${INPUT_FORMAT:-github}

# Refuses inputs the command does not read: a `go:` given to `lint` is a
# mistake in the workflow, and ignoring it would hide a check that never ran.
# Arguments: the command's usable input names.
only_inputs() {
  local name value allowed usable
  for name in contract mirror source go ts json type base-ref fail-on config; do
    case $name in
      base-ref) value=$base_ref ;;
      fail-on) value=$fail_on ;;
      *) value=${!name} ;;
    esac
    [[ -z $value ]] && continue
    allowed=no
    for usable in "$@"; do [[ $usable == "$name" ]] && allowed=yes; done
    [[ $allowed == yes ]] || die "Input \"$name\" does not apply to command \"$command\"; remove it from the step's with: block."
  done
}

# The struct or type a guard reads: exactly one of go, ts, json (json only for pin).
add_side() {
  local given=0
  [[ -n $go ]] && given=$((given + 1))
  [[ -n $ts ]] && given=$((given + 1))
  [[ -n $json ]] && given=$((given + 1))
  if ((given != 1)); then
    die "Command \"$command\" needs exactly one of the inputs go, ts$([[ $command == pin ]] && printf ', json'): where the $([[ $command == pin ]] && printf producer || printf consumer)'s struct or type lives."
  fi
  [[ -n $go ]] && args+=("--go=$go")
  [[ -n $ts ]] && args+=("--ts=$ts")
  [[ -n $json ]] && args+=("--json=$json")
  [[ -n $type ]] && args+=("--type=$type")
  return 0
}

# Options are written --name=value, so a value starting with "-" stays a value;
# file operands come after "--", so a file named "-x" stays a file.
args=()
operands=()
case $command in
  check)
    only_inputs config
    args=(check)
    [[ -n $config ]] && args+=("--config=$config")
    ;;
  lint)
    only_inputs contract
    args=(lint)
    [[ -n $contract ]] && operands=("$contract")
    ;;
  generate-check)
    only_inputs contract
    args=(generate --check)
    [[ -n $contract ]] && operands=("$contract")
    ;;
  pin | consumes)
    if [[ $command == pin ]]; then only_inputs contract go ts json type; else only_inputs contract go ts type; fi
    [[ -n $contract ]] || die "Command \"$command\" needs the input contract: the contract file."
    args=("$command" "--contract=$contract")
    add_side
    ;;
  diff)
    only_inputs contract base-ref fail-on
    [[ -n $base_ref ]] || die 'Command "diff" needs the input base-ref: the git ref to compare against, e.g. origin/main (fetch it first).'
    args=(diff "--against=$base_ref")
    [[ -n $fail_on ]] && args+=("--fail-on=$fail_on")
    [[ -n $contract ]] && operands=("$contract")
    ;;
  sync)
    only_inputs contract mirror source
    [[ -n $mirror ]] || mirror=$contract
    [[ -n $mirror ]] || die 'Command "sync" needs the input mirror (or contract): the mirrored contract file.'
    [[ -n $source ]] || die 'Command "sync" needs the input source: the source of truth, a path or REF:PATH.'
    args=(sync)
    operands=("$mirror" "$source")
    ;;
  *)
    die "Unknown command \"$command\"; use one of check, lint, generate-check, pin, consumes, diff, sync."
    ;;
esac

# The argument list for one output format: the format goes last among the
# options, and everything after "--" is an operand.
argv_for() {
  argv=("${args[@]}" --format "$1")
  if ((${#operands[@]})); then argv+=(-- "${operands[@]}"); fi
}

if [[ ${1:-} == --print-args ]]; then
  argv_for "$format"
  printf '%s\0' "${argv[@]}"
  exit 0
fi

[[ -n ${GITHUB_ACTION_PATH:-} ]] || die 'GITHUB_ACTION_PATH is not set: it must name the wirepin checkout.'
wirepin=${WIREPIN_CLI:-$GITHUB_ACTION_PATH/bin/wirepin.js}
[[ -f $wirepin ]] || die "$wirepin does not exist: the install step did not install wirepin."

if [[ -n ${INPUT_WIREPIN_VERSION:-} ]]; then
  actual=$(node "$wirepin" --version) || die 'wirepin --version failed: the install step did not finish.'
  [[ ${INPUT_WIREPIN_VERSION#v} == "$actual" ]] ||
    die "This wirepin checkout is version $actual, not ${INPUT_WIREPIN_VERSION}: the ref in uses: and the input wirepin-version disagree."
fi

# Rule links in the reports: the docs of the wirepin version that runs, when
# Actions says where the action came from; else wirepin's default.
if [[ -z ${WIREPIN_DOCS_URL:-} && -n ${GITHUB_ACTION_REPOSITORY:-} && -n ${GITHUB_ACTION_REF:-} ]]; then
  export WIREPIN_DOCS_URL="${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_ACTION_REPOSITORY/blob/$GITHUB_ACTION_REF/docs/rules"
fi

# 1. The logged run: with --format github, findings become annotations and the
#    CLI appends the markdown report to $GITHUB_STEP_SUMMARY itself.
argv_for "$format"
node "$wirepin" "${argv[@]}"
code=$?

# 2. The report file for later steps (a pull request comment): the same
#    command with --format markdown, kept out of the job summary.
report_dir=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/wirepin.XXXXXX") || die 'Cannot create a directory for the report.'
report=$report_dir/$command.md
errors=$report_dir/$command.stderr
argv_for markdown
env -u GITHUB_STEP_SUMMARY node "$wirepin" "${argv[@]}" >"$report" 2>"$errors"

# When wirepin could not run (exit 2 with no report), the report says why, and
# so does the job summary, which the CLI left untouched.
if [[ ! -s $report ]]; then
  {
    printf '### wirepin %s\n\nwirepin could not run (exit %s):\n\n```\n' "$command" "$code"
    cat "$errors"
    printf '```\n'
  } >"$report"
  if [[ $format == github && -n ${GITHUB_STEP_SUMMARY:-} ]]; then
    cat "$report" >>"$GITHUB_STEP_SUMMARY"
  fi
fi

if [[ -n ${GITHUB_OUTPUT:-} ]]; then
  printf 'exit-code=%s\nreport=%s\n' "$code" "$report" >>"$GITHUB_OUTPUT"
fi
exit "$code"
