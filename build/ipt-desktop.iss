; Inno Setup script for the Windows installer. Build the bundle first (make bundle, on Windows:
; pyinstaller ipt_desktop.spec), then compile this file with Inno Setup 6 (iscc build\ipt-desktop.iss).
; Per-user install: no administrator rights needed, which is what a solo practice laptop has.
#define AppName "IPT Desktop"
#define AppVersion GetEnv("IPT_DESKTOP_VERSION")
#if AppVersion == ""
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B0B6C2E-3D1F-4C59-9C4B-1E2A7F3D9A10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=IPT Desktop
DefaultDirName={localappdata}\Programs\IPT Desktop
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
OutputDir=..\dist
OutputBaseFilename=ipt-desktop-{#AppVersion}-setup
SetupIconFile=ipt-desktop.ico
UninstallDisplayIcon={app}\ipt-desktop.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; The practice database lives in %APPDATA%\IPT Desktop and is never touched by (un)installing.

[Files]
Source: "..\dist\ipt-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\ipt-desktop.exe"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\ipt-desktop.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\ipt-desktop.exe"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
