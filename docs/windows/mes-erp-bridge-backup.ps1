# Nightly online backup of the mes-erp-bridge ledger, run by Task Scheduler.
# docs/deployment.md ("Windows Server", "Backup and restore") shows how to register it.
#
# Safe while the bridge runs: SQLite itself makes a consistent copy. Copying bridge.db in
# Explorer is NOT a backup (the changes still in bridge.db-wal would be missing).
# The ledger holds the generated tokens: give the backup folder the same care as the ledger.
$ErrorActionPreference = 'Stop'

$BridgeDir = 'C:\Program Files\mes-erp-bridge'
$BackupDir = 'D:\Backups\mes-erp-bridge'   # another disk; copy it off this machine too
$KeepDays  = 14
# The same value as DATABASE_PATH in mes-erp-bridge.xml.
$env:DATABASE_PATH = 'C:\ProgramData\mes-erp-bridge\bridge.db'

New-Item -ItemType Directory -Force -Path $BackupDir | Out-Null
$target = Join-Path $BackupDir ('bridge-{0:yyyyMMdd-HHmmss}.db' -f (Get-Date))

# What `npm run backup -- <file>` runs.
Set-Location $BridgeDir
& 'C:\Program Files\nodejs\node.exe' 'dist\backup.js' $target
if ($LASTEXITCODE -ne 0) { throw "mes-erp-bridge backup failed (exit code $LASTEXITCODE)" }

# Keep $KeepDays days of backups. A backup is one file; 'bridge-*.db*' also takes the -wal and
# -shm files that earlier versions left beside their copies.
Get-ChildItem -Path $BackupDir -Filter 'bridge-*.db*' |
  Where-Object { $_.LastWriteTime -lt (Get-Date).AddDays(-$KeepDays) } |
  Remove-Item
