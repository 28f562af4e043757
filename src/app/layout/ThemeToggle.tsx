import { useTheme } from '../../lib/theme/ThemeProvider';
import type { ThemePreference } from '../../lib/theme/theme';

const OPTIONS: { value: ThemePreference; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
];

/** Light / dark / follow the system; disabled while `?theme=` in the URL decides. */
export function ThemeToggle() {
  const { preference, forced, setPreference } = useTheme();
  return (
    <div
      role="group"
      aria-label="Theme"
      className="segmented"
      title={forced ? `The link sets the ${forced} theme (?theme=${forced})` : undefined}
    >
      {OPTIONS.map((option) => (
        <button
          key={option.value}
          type="button"
          className="segmented__option"
          aria-pressed={forced ? forced === option.value : preference === option.value}
          disabled={forced !== null}
          onClick={() => setPreference(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
