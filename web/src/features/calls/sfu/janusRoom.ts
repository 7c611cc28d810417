// The SFU client seam (issue 15): a call whose topology is "sfu" joins the Janus video-room named by the join answer
// (`POST /api/v1/calls/{id}/join` → `sfu: { clientUrl, roomId, token }`) through this function. The call view owns the
// local stream and the tiles; this module publishes the stream and reports each remote participant's stream (null when
// they leave). The Janus implementation replaces the body below; until then an SFU call fails visibly.

export type SfuJoinOptions = {
  clientUrl: string;
  roomId: number;
  token: string;
  userId: number;
  displayName: string;
  localStream: MediaStream;
  iceServers: RTCIceServer[];
  onRemoteStream(userId: number, stream: MediaStream | null): void;
};

export type SfuSession = {
  leave(): Promise<void>;
  replaceVideoTrack(track: MediaStreamTrack | null): Promise<void>;
  stats(): Promise<RTCStatsReport[]>;
};

export async function joinSfuRoom(opts: SfuJoinOptions): Promise<SfuSession> {
  void opts;
  throw new Error("sfu unavailable");
}
