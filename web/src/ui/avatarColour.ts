// The colour behind a person's initial (ui/Avatar.tsx), also used by the boot entry's first paint (app/firstPaint.ts).
const palette = ["#4263eb", "#0ca678", "#e8590c", "#ae3ec9", "#1098ad", "#d6336c", "#5c940d", "#f08c00"];

export const avatarColour = (id: number) => palette[Math.abs(id) % palette.length];
