// The client's icons: SVG from lucide-react (ISC), imported by name so the bundle carries only these. Emoji characters
// were used before and rendered as empty boxes where no emoji font is installed (issue 20). Icons are decorative:
// lucide marks them aria-hidden; the button around one carries the accessible name.
import { File, FileText, Film, Image, Music, type LucideIcon } from "lucide-react";
import type { FileKind } from "../features/files/fileKinds";

export {
  AlarmClock,
  ArrowDown,
  AtSign,
  BellRing,
  CalendarClock,
  BarChart3,
  BellOff,
  Bookmark,
  BookmarkCheck,
  Check,
  ChevronDown,
  ChevronLeft,
  ChevronRight,
  FolderOpen,
  Forward,
  Languages,
  Hash,
  ListOrdered,
  Lock,
  Maximize2,
  Megaphone,
  Mic,
  MicOff,
  Minimize2,
  MessageSquare,
  MessagesSquare,
  SquareCheckBig,
  Paperclip,
  Phone,
  PhoneIncoming,
  PhoneMissed,
  PhoneOff,
  Pencil,
  Pin,
  PinOff,
  Plus,
  Quote,
  ScreenShare,
  ScreenShareOff,
  Send,
  Sparkles,
  Settings,
  Signal,
  SmilePlus,
  Trash2,
  Undo2,
  Users,
  Video,
  VideoOff,
  X,
} from "lucide-react";

const kindIcons: Record<FileKind, LucideIcon> = { image: Image, video: Film, audio: Music, pdf: FileText, text: FileText, other: File };

/** The icon of a file kind (attachment cards, the upload tray, the Files panel). */
export function FileKindIcon({ kind, size = 22 }: { kind: FileKind; size?: number }) {
  const Icon = kindIcons[kind];
  return <Icon size={size} strokeWidth={1.6} aria-hidden="true" />;
}
