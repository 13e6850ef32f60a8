# Bootstrap for the AutoPR build on Windows/PowerShell: ./build.ps1 <Target...> [--parameter value ...]
# Same contract as build.sh: compile the build project only when its inputs changed, then run it directly.
$ErrorActionPreference = 'Stop'
$Root = $PSScriptRoot
$BuildProject = Join-Path $Root 'build/_build.csproj'
$BuildDll = Join-Path $Root 'build/bin/Debug/net10.0/_build.dll'
$TempDir = Join-Path $Root '.nuke/temp'
$FingerprintFile = Join-Path $TempDir 'build.fingerprint'

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    $version = (Get-Content (Join-Path $Root 'global.json') | ConvertFrom-Json).sdk.version
    Write-Error "dotnet was not found on PATH; install the .NET SDK $version or newer (see global.json)."
    exit 2
}

function Get-Fingerprint {
    $dirs = @('build') + (Select-String -Path $BuildProject -Pattern 'ProjectReference Include="\.\.[\\/](.+)[\\/][^\\/]+\.csproj"' |
        ForEach-Object { $_.Matches[0].Groups[1].Value })
    $files = foreach ($dir in $dirs) {
        Get-ChildItem -Path (Join-Path $Root $dir) -Recurse -File |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
    }
    $files += Get-ChildItem -Path $Root -File | Where-Object { $_.Name -match '^(global\.json|Directory\..*\.(props|targets)|nuget\.config)$' }
    $text = ($files | Sort-Object FullName | ForEach-Object { "$($_.FullName) $($_.Length) $($_.LastWriteTimeUtc.Ticks)" }) -join "`n"
    $sha = [System.Security.Cryptography.SHA1]::Create()
    [System.BitConverter]::ToString($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($text)))
}

$current = Get-Fingerprint
if (-not (Test-Path $BuildDll) -or -not (Test-Path $FingerprintFile) -or (Get-Content $FingerprintFile -Raw).Trim() -ne $current) {
    New-Item -ItemType Directory -Force -Path $TempDir | Out-Null
    Write-Host 'Compiling the build project (its inputs changed)...'
    dotnet build $BuildProject -c Debug --nologo -v q '-clp:ErrorsOnly;NoSummary'
    if ($LASTEXITCODE -ne 0) { Write-Error 'The build project does not compile; fix the errors above.'; exit 2 }
    Set-Content -Path $FingerprintFile -Value $current
}

& dotnet $BuildDll @args
exit $LASTEXITCODE
