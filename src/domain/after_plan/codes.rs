//! Stable storage codes and label keys for the after-plan enums.

/// Implements `ALL`, `code`, `from_code` and `label_key` for a plain enum.
macro_rules! coded {
    ($ty:ident, $prefix:literal, [$($variant:ident => $code:literal),+ $(,)?]) => {
        impl $ty {
            /// Every value in display order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// Stable code used in storage and the bundle.
            pub fn code(self) -> &'static str {
                match self {
                    $($ty::$variant => $code),+
                }
            }

            /// Parses a stored code.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }

            /// i18n key of the label.
            pub fn label_key(self) -> &'static str {
                match self {
                    $($ty::$variant => concat!($prefix, $code)),+
                }
            }
        }
    };
}

pub(super) use coded;
