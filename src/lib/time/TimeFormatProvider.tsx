import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { formatAge, formatTime } from '../format';
import type { TimeZoneSetting } from '../format';
import { effectiveTimeZone, readTimezoneChoice, saveTimezoneChoice } from './timezone-choice';
import type { TimezoneChoice } from './timezone-choice';

interface TimeFormat {
  choice: TimezoneChoice;
  setChoice: (choice: TimezoneChoice) => void;
  /** The cluster's own zone, when inside a session that recorded one. */
  clusterZone: TimeZoneSetting | null;
  timeZone: TimeZoneSetting;
  formatTime: (ms: number) => string;
  formatAge: (ms: number) => string;
}

const TimeFormatContext = createContext<TimeFormat | null>(null);

export function TimeFormatProvider({
  clusterZone,
  children,
}: {
  clusterZone: TimeZoneSetting | null;
  children: ReactNode;
}) {
  const [choice, setChoiceState] = useState(readTimezoneChoice);
  const setChoice = useCallback((next: TimezoneChoice) => {
    saveTimezoneChoice(next);
    setChoiceState(next);
  }, []);

  const value = useMemo<TimeFormat>(() => {
    const timeZone = effectiveTimeZone(choice, clusterZone);
    return {
      choice,
      setChoice,
      clusterZone,
      timeZone,
      formatTime: (ms) => formatTime(ms, timeZone),
      formatAge: (ms) => formatAge(ms, Date.now()),
    };
  }, [choice, setChoice, clusterZone]);

  return <TimeFormatContext value={value}>{children}</TimeFormatContext>;
}

/** Formats times in the user's chosen zone; use it for every time the UI shows. */
export function useTimeFormat(): TimeFormat {
  const value = useContext(TimeFormatContext);
  if (!value) throw new Error('useTimeFormat must be used inside <TimeFormatProvider>');
  return value;
}
