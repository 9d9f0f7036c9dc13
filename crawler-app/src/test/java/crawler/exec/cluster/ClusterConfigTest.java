package crawler.exec.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {

    @Test
    void member_joiningAnotherMachine_isRefused_unlessAnInterfaceIsNamed() {
        assertThatThrownBy(() -> ClusterConfig.of("c", null, 5701, List.of("10.1.2.3:5701")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.1.2.3:5701").hasMessageContaining("--interface");
    }

    @Test
    void member_bindsTheNamedInterface_whenOneIsNamed() {
        ClusterConfig c = ClusterConfig.of("c", "10.1.2.7", 5701, List.of("10.1.2.3:5701"));
        assertThat(c.bindInterface()).isEqualTo("10.1.2.7");
        assertThat(Members.config(c, false).getNetworkConfig().getInterfaces().getInterfaces())
                .containsExactly("10.1.2.7");
    }

    @Test
    void member_joiningThisMachine_bindsLoopback_whenNoInterfaceIsNamed() {
        ClusterConfig c = ClusterConfig.of("c", null, 5701, List.of("127.0.0.1:5702", "[::1]:5703", "localhost"));
        assertThat(c.bindInterface()).isEqualTo("127.0.0.1");
    }

    @Test
    void wildcardInterface_isRefused_evenWhenNamed() {
        for (String any : List.of("0.0.0.0", "::", "*")) {
            assertThatThrownBy(() -> ClusterConfig.of("c", any, 5701, List.of()))
                    .as(any).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every interface");
        }
    }

    @Test
    void memberConfig_bindsOneInterface_withPhoneHomeMulticastAndAutoDetectionOff() {
        Config config = Members.config(ClusterConfig.of("crawl1", null, 5801, List.of("127.0.0.1:5701")), false);
        assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.logging.type")).isEqualTo("slf4j");
        assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isTrue();
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(5801);
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5701");
        assertThat(config.getClusterName()).isEqualTo("crawl1");
        assertThat(config.getMapConfig(Members.PROGRESS_PREFIX + "x").getBackupCount()).isEqualTo(1);
        assertThat(config.isLiteMember()).isFalse();
        assertThat(Members.config(ClusterConfig.embedded(), true).isLiteMember()).isTrue();
    }

    @Test
    void firstMember_joinsByTcpIp_listingItself_soOthersCanJoinIt() {
        JoinConfig join = Members.config(ClusterConfig.of("c", null, 5801, List.of()), false).getNetworkConfig().getJoin();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5801");
    }

    @Test
    void embedded_standsAlone_underAClusterNameOfItsOwn() {
        ClusterConfig a = ClusterConfig.embedded();
        ClusterConfig b = ClusterConfig.embedded();
        assertThat(a.standalone()).isTrue();
        assertThat(a.clusterName()).isNotEqualTo(b.clusterName());
        JoinConfig join = Members.config(a, false).getNetworkConfig().getJoin();
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(Members.config(a, false).getNetworkConfig().getInterfaces().getInterfaces())
                .containsExactly("127.0.0.1");
    }
}
