import { ActionIcon, Menu, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { IconCheck, IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';

const CHOICES = [
  { value: 'auto', label: 'Follow system', icon: IconDeviceDesktop },
  { value: 'light', label: 'Light', icon: IconSun },
  { value: 'dark', label: 'Dark', icon: IconMoon },
] as const;

/**
 * Light, dark or the system's setting (the default). Mantine's colour scheme manager keeps the
 * choice in localStorage; public/color-scheme.js applies it before the bundle loads (no flash).
 */
export function ColorSchemeToggle() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light');
  const current = CHOICES.find((choice) => choice.value === colorScheme) ?? CHOICES[0];
  const Icon = computed === 'dark' ? IconMoon : IconSun;
  return (
    <Menu position="bottom-end" width={180} withArrow>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Colour scheme: ${current.label}`}>
          <Icon size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Colour scheme</Menu.Label>
        {CHOICES.map((choice) => (
          <Menu.Item
            key={choice.value}
            leftSection={<choice.icon size={16} />}
            rightSection={choice.value === colorScheme ? <IconCheck size={14} aria-hidden /> : undefined}
            // Mantine renders every item as role="menuitem" (aria-checked is not allowed there), so the
            // current choice is part of the item's name.
            aria-label={choice.value === colorScheme ? `${choice.label} (current)` : choice.label}
            onClick={() => setColorScheme(choice.value)}
          >
            {choice.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
