//! Profiles in `~/.config/orgkit/config.toml` (or `$XDG_CONFIG_HOME/orgkit/`,
//! or the file `$ORGKIT_CONFIG` names), written with mode 0600, and how a
//! command's provider, base URL and credentials are chosen: flags, then the
//! `ORGKIT_<PROVIDER>_*` variables, then the profile.
//!
//! ```toml
//! [profiles.default]
//! provider = "pm415"
//! base_url = "https://pm415.example.com"
//! token = "…"
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::errors::CliError;
use crate::config::Provider;
use crate::secret::REDACTED;

/// The config file.
#[derive(Clone, Default, Serialize, Deserialize)]
pub(crate) struct ConfigFile {
    /// Profiles by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
    /// Keys this version does not know, kept when the file is rewritten.
    #[serde(flatten)]
    pub other: toml::Table,
}

/// One profile.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_cookie: Option<String>,
    #[serde(flatten)]
    pub other: toml::Table,
}

impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted().to_toml())
    }
}

impl fmt::Debug for ConfigFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.profiles.iter()).finish()
    }
}

/// The keys `orgkit config set` knows, and whether each is a secret.
pub(crate) const KEYS: &[(&str, bool)] = &[
    ("provider", false),
    ("base_url", false),
    ("token", true),
    ("api_key", true),
    ("session_cookie", true),
];

impl Profile {
    /// Sets (or with `None` removes) `key`.
    pub fn set(&mut self, key: &str, value: Option<String>) {
        let slot = match key {
            "provider" => &mut self.provider,
            "base_url" => &mut self.base_url,
            "token" => &mut self.token,
            "api_key" => &mut self.api_key,
            "session_cookie" => &mut self.session_cookie,
            _ => return,
        };
        *slot = value;
    }

    /// The same profile with every credential replaced by `[redacted]`.
    pub fn redacted(&self) -> Profile {
        let hide = |v: &Option<String>| v.as_ref().map(|_| REDACTED.to_string());
        Profile {
            provider: self.provider.clone(),
            base_url: self.base_url.clone(),
            token: hide(&self.token),
            api_key: hide(&self.api_key),
            session_cookie: hide(&self.session_cookie),
            other: redact_table(&self.other),
        }
    }

    /// As TOML.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }

    /// Every secret value it holds.
    pub fn secrets(&self) -> impl Iterator<Item = &str> {
        [&self.token, &self.api_key, &self.session_cookie]
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    /// Whether its settings are for `provider` (a profile without a
    /// provider is for any).
    pub fn is_for(&self, provider: Provider) -> bool {
        match &self.provider {
            Some(p) => p.parse::<Provider>().ok() == Some(provider),
            None => true,
        }
    }
}

/// Unknown keys are shown only when they cannot be secrets.
fn redact_table(t: &toml::Table) -> toml::Table {
    t.iter()
        .map(|(k, v)| {
            let v = match v {
                toml::Value::String(_) => toml::Value::String(REDACTED.into()),
                toml::Value::Table(t) => toml::Value::Table(redact_table(t)),
                other => other.clone(),
            };
            (k.clone(), v)
        })
        .collect()
}

/// Where the config file is: `$ORGKIT_CONFIG`, else
/// `$XDG_CONFIG_HOME/orgkit/config.toml`, else `~/.config/orgkit/config.toml`
/// (on Windows the roaming AppData folder).
pub(crate) fn path() -> Result<PathBuf, CliError> {
    if let Some(p) = env_nonempty("ORGKIT_CONFIG") {
        return Ok(PathBuf::from(p));
    }
    if let Some(xdg) = env_nonempty("XDG_CONFIG_HOME") {
        return Ok(PathBuf::from(xdg).join("orgkit").join("config.toml"));
    }
    let dir = if cfg!(windows) {
        directories::ProjectDirs::from("", "", "orgkit").map(|d| d.config_dir().to_path_buf())
    } else {
        directories::BaseDirs::new().map(|d| d.home_dir().join(".config").join("orgkit"))
    };
    dir.map(|d| d.join("config.toml"))
        .ok_or_else(|| CliError::Failed("cannot find the home directory; set ORGKIT_CONFIG".into()))
}

pub(crate) fn env_nonempty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Reads the config file (empty when there is none).
pub(crate) fn load(path: &Path) -> Result<ConfigFile, CliError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ConfigFile::default()),
        Err(e) => {
            return Err(CliError::Failed(format!(
                "cannot read {}: {e}",
                path.display()
            )))
        }
    };
    warn_if_shared(path);
    // The parser's message quotes the offending line, which may hold a
    // credential: only its position is reported.
    toml::from_str(&text).map_err(|e| {
        let at = e
            .span()
            .map(|s| {
                let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                format!(" (line {line})")
            })
            .unwrap_or_default();
        CliError::Failed(format!(
            "{} is not a valid orgkit config file{at}",
            path.display()
        ))
    })
}

#[cfg(unix)]
fn warn_if_shared(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.permissions().mode() & 0o077 != 0 {
            eprintln!(
                "warning: {} can be read by other users; run `chmod 600` on it",
                path.display()
            );
        }
    }
}

#[cfg(not(unix))]
fn warn_if_shared(_path: &Path) {}

/// Writes the config file: to a new file with mode 0600 next to it, then
/// renamed over it, so it is never briefly readable by others nor half written.
pub(crate) fn save(path: &Path, config: &ConfigFile) -> Result<(), CliError> {
    let fail = |what: &str, e: std::io::Error| {
        CliError::Failed(format!("cannot {what} {}: {e}", path.display()))
    };
    let text = format!(
        "# orgkit CLI profiles (`orgkit config show` prints them with secrets hidden).\n\
         # Holds credentials: keep it private (mode 0600).\n\n{}",
        toml::to_string(config).map_err(|e| CliError::Failed(e.to_string()))?
    );
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir).map_err(|e| fail("create the folder of", e))?;
    }
    let tmp = path.with_extension(format!("toml.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut file = private_file(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail("write", e)
    })
}

#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Where a setting in effect came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// A command-line flag (`--token`).
    Flag(&'static str),
    /// An environment variable.
    Env(String),
    /// The profile.
    Profile(String),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "flag {flag}"),
            Source::Env(var) => write!(f, "env {var}"),
            Source::Profile(name) => write!(f, "profile {name}"),
        }
    }
}

/// A setting and where it came from.
pub(crate) type Sourced = Option<(String, Source)>;

/// What the command line says before any file or variable is read.
#[derive(Clone, Default)]
pub(crate) struct Flags {
    pub provider: Option<String>,
    pub profile: Option<String>,
    pub base_url: Option<String>,
    pub token: Option<String>,
    pub api_key: Option<String>,
    pub session_cookie: Option<String>,
}

/// Provider, base URL and credentials in effect, each with its source.
#[derive(Clone)]
pub(crate) struct Settings {
    pub config_path: PathBuf,
    pub config: ConfigFile,
    pub profile_name: String,
    pub provider: Option<(Provider, Source)>,
    pub base_url: Sourced,
    pub token: Sourced,
    pub api_key: Sourced,
    pub session_cookie: Sourced,
}

impl Settings {
    /// Flags, then `ORGKIT_<PROVIDER>_*` (and `ORGKIT_PROVIDER`,
    /// `ORGKIT_PROFILE`), then the profile. Credentials are taken as a
    /// group from the first of those that has any, so a token from a flag
    /// is never mixed with an API key from the profile.
    pub fn resolve(flags: &Flags) -> Result<Settings, CliError> {
        let config_path = path()?;
        let config = load(&config_path)?;
        let profile_name = flags
            .profile
            .clone()
            .or_else(|| env_nonempty("ORGKIT_PROFILE"))
            .unwrap_or_else(|| "default".into());
        let profile = config
            .profiles
            .get(&profile_name)
            .cloned()
            .unwrap_or_default();
        let from_profile = || Source::Profile(profile_name.clone());

        let provider_text = match (&flags.provider, env_nonempty("ORGKIT_PROVIDER")) {
            (Some(p), _) => Some((p.clone(), Source::Flag("--provider"))),
            (None, Some(p)) => Some((p, Source::Env("ORGKIT_PROVIDER".into()))),
            (None, None) => profile.provider.clone().map(|p| (p, from_profile())),
        };
        let provider = match provider_text {
            Some((text, source)) => {
                let p = text.parse::<Provider>().map_err(|_| {
                    let names: Vec<&str> = Provider::ALL.iter().map(|p| p.as_str()).collect();
                    let msg = format!("unknown provider {text:?}; one of {}", names.join(", "));
                    match &source {
                        Source::Flag(flag) => super::errors::bad_arg(flag, msg),
                        other => CliError::Usage(format!("{msg} (from {other})")),
                    }
                })?;
                Some((p, source))
            }
            None => None,
        };

        let mut settings = Settings {
            config_path,
            config: config.clone(),
            profile_name: profile_name.clone(),
            provider: provider.clone(),
            base_url: None,
            token: None,
            api_key: None,
            session_cookie: None,
        };
        let Some((provider, _)) = provider else {
            return Ok(settings);
        };
        let env = |suffix: &str| {
            let name = format!("ORGKIT_{}_{suffix}", provider.as_str().to_ascii_uppercase());
            env_nonempty(&name).map(|v| (v, Source::Env(name)))
        };
        let usable = profile.is_for(provider);
        let prof = |v: &Option<String>| {
            v.clone()
                .filter(|_| usable)
                .map(|v| (v, Source::Profile(profile_name.clone())))
        };
        let flag =
            |v: &Option<String>, name: &'static str| v.clone().map(|v| (v, Source::Flag(name)));

        settings.base_url = flag(&flags.base_url, "--base-url")
            .or_else(|| env("BASE_URL"))
            .or_else(|| prof(&profile.base_url));

        let from_flags = (
            flag(&flags.token, "--token"),
            flag(&flags.api_key, "--api-key"),
            flag(&flags.session_cookie, "--session-cookie"),
        );
        let from_env = (env("TOKEN"), env("API_KEY"), env("SESSION_COOKIE"));
        let from_prof = (
            prof(&profile.token),
            prof(&profile.api_key),
            prof(&profile.session_cookie),
        );
        let any = |c: &(Sourced, Sourced, Sourced)| c.0.is_some() || c.1.is_some() || c.2.is_some();
        let creds = if any(&from_flags) {
            from_flags
        } else if any(&from_env) {
            from_env
        } else {
            from_prof
        };
        (settings.token, settings.api_key, settings.session_cookie) = creds;
        Ok(settings)
    }

    /// The profile as the file has it.
    pub fn profile(&self) -> Profile {
        self.config
            .profiles
            .get(&self.profile_name)
            .cloned()
            .unwrap_or_default()
    }

    /// Every credential value in play (to hide from anything printed).
    pub fn secrets(&self) -> Vec<String> {
        let mut out: Vec<String> = [&self.token, &self.api_key, &self.session_cookie]
            .into_iter()
            .flatten()
            .map(|(v, _)| v.clone())
            .collect();
        for p in self.config.profiles.values() {
            out.extend(p.secrets().map(str::to_string));
        }
        out
    }

    /// Rewrites the profile with `f` and saves the file.
    pub fn update_profile(&mut self, f: impl FnOnce(&mut Profile)) -> Result<(), CliError> {
        let mut config = load(&self.config_path)?;
        let profile = config
            .profiles
            .entry(self.profile_name.clone())
            .or_default();
        f(profile);
        save(&self.config_path, &config)?;
        self.config = config;
        Ok(())
    }

    /// After a call gave the client a new token (a login, an invite
    /// accepted, a pm415 organization switch): keep it in the profile, with
    /// the provider and the base URL it is valid for. A profile that was
    /// for another provider starts afresh.
    pub fn remember_token(&mut self, token: &str) -> Result<(), CliError> {
        let Some((provider, _)) = self.provider.clone() else {
            return Ok(());
        };
        let base_url = self.base_url.clone();
        self.update_profile(|p| {
            if !p.is_for(provider) {
                let other = std::mem::take(&mut p.other);
                *p = Profile {
                    other,
                    ..Profile::default()
                };
            }
            p.provider = Some(provider.as_str().to_string());
            if let Some((url, source)) = base_url {
                if !matches!(source, Source::Profile(_)) {
                    p.base_url = Some(url);
                }
            }
            p.token = Some(token.to_string());
        })?;
        self.token = Some((
            token.to_string(),
            Source::Profile(self.profile_name.clone()),
        ));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacted_profile_hides_every_credential() {
        let p = Profile {
            provider: Some("pm415".into()),
            base_url: Some("http://x".into()),
            token: Some("tok_secret_1".into()),
            api_key: Some("key_secret_2".into()),
            session_cookie: Some("sid_secret_3".into()),
            other: toml::from_str("extra = \"maybe_secret_4\"").unwrap(),
        };
        let shown = format!("{:?} {}", p, p.redacted().to_toml());
        for s in [
            "tok_secret_1",
            "key_secret_2",
            "sid_secret_3",
            "maybe_secret_4",
        ] {
            assert!(!shown.contains(s), "{shown}");
        }
        assert!(shown.contains("pm415") && shown.contains("http://x"));
    }

    #[test]
    fn file_round_trips_and_keeps_unknown_keys() {
        let text = "future = 1\n[profiles.work]\nprovider = \"kaana\"\nsession_cookie = \"s\"\ncolor = true\n";
        let c: ConfigFile = toml::from_str(text).unwrap();
        let again: ConfigFile = toml::from_str(&toml::to_string(&c).unwrap()).unwrap();
        assert_eq!(again.profiles["work"].provider.as_deref(), Some("kaana"));
        assert_eq!(
            again.profiles["work"].other.get("color"),
            Some(&toml::Value::Boolean(true))
        );
        assert_eq!(again.other.get("future"), Some(&toml::Value::Integer(1)));
    }

    #[cfg(unix)]
    #[test]
    fn saved_file_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("orgkit-cfg-{}", std::process::id()));
        let path = dir.join("sub").join("config.toml");
        let mut c = ConfigFile::default();
        c.profiles.insert(
            "default".into(),
            Profile {
                token: Some("t".into()),
                ..Default::default()
            },
        );
        save(&path, &c).unwrap();
        save(&path, &c).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            load(&path).unwrap().profiles["default"].token.as_deref(),
            Some("t")
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
