# Sourced by scripts/action-run.sh and scripts/action-install.sh.
# die MESSAGE: prints a workflow error command (shown as an annotation in
# Actions, a plain line elsewhere) and stops with exit 2: the action could not
# run wirepin. `%`, CR and LF are escaped as workflow commands require.
die() {
  local message=$1
  message=${message//'%'/'%25'}
  message=${message//$'\r'/'%0D'}
  message=${message//$'\n'/'%0A'}
  printf '::error title=wirepin action::%s\n' "$message"
  exit 2
}
